import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { ContributionsService } from '../../contributions/contributions.service';
import { WorkflowsService } from '../../workflows/workflows.service';
import { readsEverything } from '../shared/readers.util';

interface Row {
  stage_id: string;
  organisation_id: string;
  organisation_name: string;
  invited_at: Date | null;
  comments: number;
  no_comment_at: Date | null;
  submitted_at: Date | null;
  last_response_at: Date | null;
}

/** Who was asked to respond in each stage, and who responded (comments, "no comment", a submission), invited or not. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contributions: ContributionsService,
    private readonly workflows: WorkflowsService,
  ) {}

  async responses(contributionId: string, actor: Actor, stage?: string) {
    const contribution = await this.contributions.find(contributionId);
    const workflow = this.workflows.compile(await this.workflows.resolve(contribution.definitionId));
    const own = readsEverything(actor) ? null : actor.organisationId;
    const rows: Row[] = await this.dataSource.query(
      `WITH responses AS (
         SELECT stage_id, organisation_id, count(*) FILTER (WHERE status = 'active')::int AS comments, NULL::timestamptz AS no_comment_at, NULL::timestamptz AS submitted_at, max(submitted_at) AS at
           FROM comments WHERE contribution_id = $1 GROUP BY stage_id, organisation_id
         UNION ALL
         SELECT stage_id, organisation_id, 0, declared_at, NULL, declared_at FROM no_comment_declarations WHERE contribution_id = $1
         UNION ALL
         SELECT stage_id, organisation_id, 0, NULL, submitted_at, updated_at FROM questionnaire_submissions WHERE contribution_id = $1
       ), merged AS (
         SELECT stage_id, organisation_id, sum(comments)::int AS comments, max(no_comment_at) AS no_comment_at, max(submitted_at) AS submitted_at, max(at) AS last_response_at
           FROM responses GROUP BY stage_id, organisation_id
       )
       SELECT coalesce(i.stage_id, m.stage_id) AS stage_id, coalesce(i.organisation_id, m.organisation_id) AS organisation_id, o.name AS organisation_name,
              i.invited_at, coalesce(m.comments, 0) AS comments, m.no_comment_at, m.submitted_at, m.last_response_at
         FROM (SELECT * FROM invitations WHERE contribution_id = $1) i
         FULL JOIN merged m ON m.stage_id = i.stage_id AND m.organisation_id = i.organisation_id
         JOIN organisations o ON o.id = coalesce(i.organisation_id, m.organisation_id)
        WHERE ($2::uuid IS NULL OR coalesce(i.organisation_id, m.organisation_id) = $2) AND ($3::text IS NULL OR coalesce(i.stage_id, m.stage_id) = $3)
        ORDER BY o.name`,
      [contributionId, own, stage ?? null],
    );
    const order = new Map(workflow.index.ordered.map((spec, index) => [spec.id, index]));
    const stages = [...new Set(rows.map((row) => row.stage_id))].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    return {
      contributionId,
      stages: stages.map((stageId) => {
        const entries = rows.filter((row) => row.stage_id === stageId).map(entryView);
        return {
          stage: stageId,
          title: workflow.stage(stageId)?.title ?? stageId,
          invited: entries.filter((e) => e.invited).length,
          responded: entries.filter((e) => e.response !== null).length,
          respondedWithoutInvitation: entries.filter((e) => !e.invited && e.response !== null).length,
          organisations: entries,
        };
      }),
    };
  }
}

function entryView(row: Row) {
  const response = row.submitted_at ? 'submission' : row.comments > 0 ? 'comments' : row.no_comment_at ? 'no_comment' : null;
  return {
    organisation: { id: row.organisation_id, name: row.organisation_name },
    invited: row.invited_at !== null,
    invitedAt: row.invited_at?.toISOString() ?? null,
    response,
    comments: row.comments,
    noComment: row.no_comment_at !== null,
    lastResponseAt: row.last_response_at?.toISOString() ?? null,
  };
}
