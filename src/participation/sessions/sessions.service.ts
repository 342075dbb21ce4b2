import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { ContributionsService } from '../../contributions/contributions.service';
import { WorkflowsService } from '../../workflows/workflows.service';
import { readsEverything } from '../shared/readers.util';
import { MatrixComment, MatrixRow, resolutionMatrix } from './resolution-matrix.util';

/** Editorial sessions as meetings (who presented, what was finalised) and the comment-resolution matrix. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contributions: ContributionsService,
    private readonly workflows: WorkflowsService,
  ) {}

  async list(contributionId: string, actor: Actor) {
    const contribution = await this.contributions.find(contributionId);
    const workflow = this.workflows.compile(await this.workflows.resolve(contribution.definitionId));
    const sessions: Array<Record<string, any>> = await this.dataSource.query(
      `SELECT s.id, s.stage_id, s.body, to_char(s.meeting_date, 'YYYY-MM-DD') AS meeting_date, s.location, s.opened_at, s.finalised_at, s.closed_at,
              v.id AS version_id, v.number AS version_number, v.label AS version_label
         FROM editorial_sessions s LEFT JOIN text_versions v ON v.id = s.outcome_version_id
        WHERE s.contribution_id = $1 ORDER BY s.meeting_date, s.opened_at`,
      [contributionId],
    );
    const ids = sessions.map((s) => s.id);
    const presentations: Array<Record<string, any>> = ids.length
      ? await this.dataSource.query(
          `SELECT p.session_id, p.organisation_id, o.name, p.summary, p.comment_ids, p.presented_at FROM session_presentations p JOIN organisations o ON o.id = p.organisation_id
            WHERE p.session_id = ANY($1::uuid[]) ORDER BY p.presented_at, p.record_seq`,
          [ids],
        )
      : [];
    const dispositions: Array<{ session_id: string; disposition: string; n: number }> = ids.length
      ? await this.dataSource.query(`SELECT session_id, disposition, count(*)::int AS n FROM comment_dispositions WHERE session_id = ANY($1::uuid[]) GROUP BY 1, 2`, [ids])
      : [];
    return {
      contributionId,
      items: sessions.map((s) => ({
        id: s.id,
        stage: s.stage_id,
        title: workflow.stage(s.stage_id)?.title ?? s.stage_id,
        body: s.body,
        date: s.meeting_date,
        location: s.location,
        finalisedAt: s.finalised_at?.toISOString() ?? null,
        closedAt: s.closed_at?.toISOString() ?? null,
        outcomeVersion: s.version_id ? { id: s.version_id, number: s.version_number, label: s.version_label } : null,
        presentations: presentations
          .filter((p) => p.session_id === s.id)
          .map((p) => ({
            organisation: { id: p.organisation_id, name: p.name },
            summary: p.summary,
            comments: readsEverything(actor) || p.organisation_id === actor.organisationId ? p.comment_ids : undefined,
            presentedAt: p.presented_at.toISOString(),
          })),
        // How many comments got each disposition; which ones is for the matrix (secretariat, auditors).
        dispositions: Object.fromEntries(dispositions.filter((d) => d.session_id === s.id).map((d) => [d.disposition, d.n])),
      })),
    };
  }

  async matrix(contributionId: string, stage?: string): Promise<{ contributionId: string; title: string; rows: MatrixRow[] }> {
    const contribution = await this.contributions.find(contributionId);
    const workflow = this.workflows.compile(await this.workflows.resolve(contribution.definitionId));
    const rows: Array<Record<string, any>> = await this.dataSource.query(
      `SELECT c.id, c.stage_id, v.number AS version_number, c.paragraph_id, p.position, p.text AS paragraph_text, o.name AS organisation,
              c.text, c.proposed_text, c.submitted_at, c.status, d.disposition, d.rationale,
              s.id AS session_id, to_char(s.meeting_date, 'YYYY-MM-DD') AS session_date, s.body AS session_body
         FROM comments c
         JOIN organisations o ON o.id = c.organisation_id
         LEFT JOIN text_versions v ON v.id = c.version_id
         LEFT JOIN text_paragraphs p ON p.version_id = c.version_id AND p.paragraph_id = c.paragraph_id
         LEFT JOIN LATERAL (SELECT * FROM comment_dispositions cd WHERE cd.comment_id = c.id ORDER BY cd.decided_at DESC, cd.record_seq DESC LIMIT 1) d ON true
         LEFT JOIN editorial_sessions s ON s.id = d.session_id
        WHERE c.contribution_id = $1 AND ($2::text IS NULL OR c.stage_id = $2)`,
      [contributionId, stage ?? null],
    );
    const comments: MatrixComment[] = rows.map((row) => ({
      commentId: row.id,
      stageId: row.stage_id,
      stageTitle: workflow.stage(row.stage_id)?.title ?? row.stage_id,
      versionNumber: row.version_number,
      paragraphId: row.paragraph_id,
      paragraphPosition: row.position,
      paragraphText: row.paragraph_text,
      organisation: row.organisation,
      text: row.text,
      proposedText: row.proposed_text,
      submittedAt: row.submitted_at,
      status: row.status,
      disposition: row.disposition,
      rationale: row.rationale,
      session: row.session_id ? { id: row.session_id, date: row.session_date, body: row.session_body } : null,
    }));
    return { contributionId, title: contribution.title, rows: resolutionMatrix(comments, workflow.index.ordered.map((s) => s.id)) };
  }
}
