import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { ContributionsService } from '../../contributions/contributions.service';
import { readsEverything } from '../shared/readers.util';
import { TextsService } from '../texts/texts.service';
import { locateParagraph } from './comment-anchor.util';

interface CommentRow {
  id: string;
  stage_id: string;
  organisation_id: string;
  organisation_name: string;
  version_id: string | null;
  version_number: number | null;
  paragraph_id: string | null;
  paragraph_position: number | null;
  paragraph_text: string | null;
  text: string;
  proposed_text: string | null;
  status: string;
  author_name: string;
  author_role: string;
  submitted_at: Date;
  edited_at: Date | null;
  revision: number;
  withdrawn_at: Date | null;
  disposition: string | null;
  rationale: string | null;
  decided_at: Date | null;
  session_id: string | null;
  session_date: string | null;
  session_body: string | null;
}

/** Comments as each reader may see them: the secretariat and auditors all, a participant its own organisation's. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contributions: ContributionsService,
    private readonly texts: TextsService,
  ) {}

  async exists(contributionId: string, commentId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM comments WHERE contribution_id = $1 AND id = $2`, [contributionId, commentId]);
    return rows.length > 0;
  }

  async list(contributionId: string, actor: Actor, filter: { stage?: string; commentId?: string } = {}) {
    await this.contributions.find(contributionId);
    const own = readsEverything(actor) ? null : actor.organisationId;
    const rows: CommentRow[] = await this.dataSource.query(
      `SELECT c.id, c.stage_id, c.organisation_id, o.name AS organisation_name, c.version_id, v.number AS version_number,
              c.paragraph_id, p.position AS paragraph_position, p.text AS paragraph_text, c.text, c.proposed_text, c.status,
              c.author_name, c.author_role, c.submitted_at, c.edited_at, c.revision, c.withdrawn_at,
              d.disposition, d.rationale, d.decided_at, s.id AS session_id, to_char(s.meeting_date, 'YYYY-MM-DD') AS session_date, s.body AS session_body
         FROM comments c
         JOIN organisations o ON o.id = c.organisation_id
         LEFT JOIN text_versions v ON v.id = c.version_id
         LEFT JOIN text_paragraphs p ON p.version_id = c.version_id AND p.paragraph_id = c.paragraph_id
         LEFT JOIN LATERAL (SELECT * FROM comment_dispositions cd WHERE cd.comment_id = c.id ORDER BY cd.decided_at DESC, cd.record_seq DESC LIMIT 1) d ON true
         LEFT JOIN editorial_sessions s ON s.id = d.session_id
        WHERE c.contribution_id = $1 AND ($2::uuid IS NULL OR c.organisation_id = $2) AND ($3::text IS NULL OR c.stage_id = $3) AND ($4::uuid IS NULL OR c.id = $4)
        ORDER BY c.submitted_at, c.record_seq`,
      [contributionId, own, filter.stage ?? null, filter.commentId ?? null],
    );
    const latest = await this.texts.latest(this.dataSource.manager, contributionId, !readsEverything(actor));
    const latestParagraphs = latest ? await this.texts.paragraphs(this.dataSource.manager, latest.id) : [];
    const declarations: Array<{ stage_id: string; organisation_id: string; organisation_name: string; declared_at: Date }> = await this.dataSource.query(
      `SELECT n.stage_id, n.organisation_id, o.name AS organisation_name, n.declared_at FROM no_comment_declarations n JOIN organisations o ON o.id = n.organisation_id
        WHERE n.contribution_id = $1 AND ($2::uuid IS NULL OR n.organisation_id = $2) AND ($3::text IS NULL OR n.stage_id = $3) ORDER BY n.declared_at`,
      [contributionId, own, filter.stage ?? null],
    );
    return {
      contributionId,
      latestVersion: latest ? { id: latest.id, number: latest.number } : null,
      items: rows.map((row) => commentView(row, latest, latestParagraphs)),
      noComment: declarations.map((row) => ({ stage: row.stage_id, organisation: { id: row.organisation_id, name: row.organisation_name }, declaredAt: row.declared_at.toISOString() })),
    };
  }
}

function commentView(row: CommentRow, latest: { id: string; number: number } | null, latestParagraphs: Array<{ id: string; text: string }>) {
  const paragraph = row.paragraph_id ? { id: row.paragraph_id, position: row.paragraph_position, text: row.paragraph_text } : null;
  return {
    id: row.id,
    stage: row.stage_id,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    author: { name: row.author_name, role: row.author_role },
    text: row.text,
    proposedText: row.proposed_text,
    status: row.status,
    submittedAt: row.submitted_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    revision: row.revision,
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
    /** What the comment was about, as it read in the version commented on. */
    about: {
      scope: paragraph ? 'paragraph' : 'whole_text',
      version: row.version_id ? { id: row.version_id, number: row.version_number } : null,
      paragraph,
    },
    /** Where that paragraph is in the newest version the reader can see. */
    now:
      paragraph && latest
        ? { version: { id: latest.id, number: latest.number }, paragraph: locateParagraph(paragraph.id, paragraph.text ?? '', latestParagraphs) }
        : null,
    disposition: row.disposition
      ? { disposition: row.disposition, rationale: row.rationale, decidedAt: row.decided_at!.toISOString(), session: { id: row.session_id, date: row.session_date, body: row.session_body } }
      : null,
  };
}
