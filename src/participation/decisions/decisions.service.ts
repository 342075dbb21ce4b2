import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContributionsService } from '../../contributions/contributions.service';
import { WorkflowsService } from '../../workflows/workflows.service';

/** Outcomes that make a text the agreed one (shown to the public as the final text). */
export const ENDORSING_OUTCOMES = ['endorsed', 'adopted', 'approved'];

@Injectable()
export class DecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contributions: ContributionsService,
    private readonly workflows: WorkflowsService,
  ) {}

  /** Every body decision, in the order taken: body, meeting date and place, outcome, the version decided on. */
  async list(contributionId: string) {
    const contribution = await this.contributions.find(contributionId);
    const workflow = this.workflows.compile(await this.workflows.resolve(contribution.definitionId));
    const rows: Array<Record<string, any>> = await this.dataSource.query(
      `SELECT d.id, d.stage_id, d.outcome, d.body, to_char(d.meeting_date, 'YYYY-MM-DD') AS meeting_date, d.meeting_location, d.decided_at,
              v.id AS version_id, v.number AS version_number, v.label AS version_label
         FROM body_decisions d LEFT JOIN text_versions v ON v.id = d.version_id
        WHERE d.contribution_id = $1 ORDER BY d.decided_at, d.record_seq`,
      [contributionId],
    );
    return {
      contributionId,
      items: rows.map((row) => ({
        id: row.id,
        stage: row.stage_id,
        title: workflow.stage(row.stage_id)?.title ?? row.stage_id,
        body: row.body,
        outcome: row.outcome,
        meeting: { date: row.meeting_date, location: row.meeting_location },
        decidedAt: row.decided_at.toISOString(),
        version: row.version_id ? { id: row.version_id, number: row.version_number, label: row.version_label } : null,
      })),
    };
  }
}
