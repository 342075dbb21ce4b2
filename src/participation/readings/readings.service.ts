import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContributionsService } from '../../contributions/contributions.service';
import { WorkflowsService } from '../../workflows/workflows.service';

@Injectable()
export class ReadingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contributions: ContributionsService,
    private readonly workflows: WorkflowsService,
  ) {}

  /** Readings in the order held: date, room, the version read, the outcome. */
  async list(contributionId: string) {
    const contribution = await this.contributions.find(contributionId);
    const workflow = this.workflows.compile(await this.workflows.resolve(contribution.definitionId));
    const rows: Array<Record<string, any>> = await this.dataSource.query(
      `SELECT r.id, r.stage_id, to_char(r.meeting_date, 'YYYY-MM-DD') AS meeting_date, r.room, r.location, r.outcome, r.occurred_at,
              v.id AS version_id, v.number AS version_number, v.label AS version_label
         FROM readings r LEFT JOIN text_versions v ON v.id = r.version_id
        WHERE r.contribution_id = $1 ORDER BY r.meeting_date, r.occurred_at, r.record_seq`,
      [contributionId],
    );
    return {
      contributionId,
      items: rows.map((row) => ({
        id: row.id,
        stage: row.stage_id,
        title: workflow.stage(row.stage_id)?.title ?? row.stage_id,
        meeting: { date: row.meeting_date, room: row.room, location: row.location },
        version: row.version_id ? { id: row.version_id, number: row.version_number, label: row.version_label } : null,
        outcome: row.outcome,
        recordedAt: row.occurred_at.toISOString(),
      })),
    };
  }
}
