import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { ContributionExtensions, ContributionViewSection } from '../contributions/contribution-extensions';
import { Contribution } from '../contributions/entities/contribution.entity';
import { WorkflowsService } from '../workflows/workflows.service';
import { subtractDuration } from './due-instant.util';

interface DeadlineRow {
  id: string;
  contribution_id: string;
  stage_id: string;
  organisation_id: string | null;
  parent_id: string | null;
  due_at: Date;
  time_zone: string;
  generation: number;
  status: string;
  reminders: string[];
  escalation: { before: string; belowResponseRate: number } | null;
  fired_at: Date | null;
  late: boolean;
  reminder_log: Array<{
    id: string;
    kind: string;
    before: string;
    at: string;
    generation: number;
    status: string;
    sentAt: string | null;
    outcome: Record<string, unknown> | null;
  }>;
}

/**
 * Adds `deadlines` to GET /contributions/:id: pending and past, with the reminder instants of the
 * definition and the log of reminders actually planned, sent, skipped or moved by extensions.
 * Every response of the API carries this, so it is one plain query, and none at all for a
 * workflow without deadlines.
 */
@Injectable()
export class DeadlinesViewSection implements ContributionViewSection, OnModuleInit {
  readonly name = 'deadlines';

  constructor(
    private readonly extensions: ContributionExtensions,
    private readonly workflows: WorkflowsService,
  ) {}

  onModuleInit(): void {
    this.extensions.registerViewSection(this);
  }

  async describe(contributions: Contribution[], em: EntityManager): Promise<Map<string, unknown>> {
    const withDeadlines: string[] = [];
    for (const contribution of contributions) {
      const workflow = await this.workflows.compiledById(contribution.definitionId, em);
      if (workflow.index.ordered.some((stage) => stage.deadline)) withDeadlines.push(contribution.id);
    }
    const rows: DeadlineRow[] = withDeadlines.length
      ? await em.query(
          `SELECT d.id, d.contribution_id, d.stage_id, d.organisation_id, d.parent_id, d.due_at, d.time_zone, d.generation, d.status,
                  d.reminders, d.escalation, d.fired_at, d.late,
                  coalesce((SELECT json_agg(json_build_object('id', r.id, 'kind', r.kind, 'before', r.before_due, 'at', r.due_at, 'generation', r.generation,
                                                              'status', r.status, 'sentAt', r.sent_at, 'outcome', r.outcome) ORDER BY r.due_at)
                              FROM reminders r WHERE r.deadline_id = d.id), '[]') AS reminder_log
             FROM deadlines d WHERE d.contribution_id = ANY($1::uuid[]) ORDER BY d.created_at, d.id`,
          [withDeadlines],
        )
      : [];
    const byContribution = new Map<string, unknown[]>(contributions.map((c) => [c.id, []]));
    for (const row of rows) byContribution.get(row.contribution_id)!.push(deadlineView(row));
    return byContribution;
  }
}

function deadlineView(row: DeadlineRow) {
  const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());
  return {
    id: row.id,
    stage: row.stage_id,
    organisationId: row.organisation_id,
    extends: row.parent_id,
    status: row.status,
    dueAt: row.due_at.toISOString(),
    timeZone: row.time_zone,
    dueLocal: DateTime.fromJSDate(row.due_at, { zone: row.time_zone }).toISO(),
    generation: row.generation,
    reminders: row.reminders.map((offset) => ({ before: offset, at: subtractDuration(row.due_at, offset, row.time_zone).toISOString() })),
    escalation: row.escalation,
    reminderLog: row.reminder_log.map((reminder) => ({ ...reminder, at: iso(reminder.at), sentAt: iso(reminder.sentAt) })),
    firedAt: iso(row.fired_at),
    late: row.late,
  };
}
