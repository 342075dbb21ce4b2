import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager, In } from 'typeorm';
import { ContributionExtensions, ContributionViewSection } from '../contributions/contribution-extensions';
import { Contribution } from '../contributions/entities/contribution.entity';
import { subtractDuration } from './due-instant.util';
import { Deadline } from './entities/deadline.entity';
import { Reminder } from './entities/reminder.entity';

/**
 * Adds `deadlines` to GET /contributions/:id: pending and past, with the reminder instants of the
 * definition and the log of reminders actually planned, sent, skipped or moved by extensions.
 */
@Injectable()
export class DeadlinesViewSection implements ContributionViewSection, OnModuleInit {
  readonly name = 'deadlines';

  constructor(private readonly extensions: ContributionExtensions) {}

  onModuleInit(): void {
    this.extensions.registerViewSection(this);
  }

  async describe(contributions: Contribution[], em: EntityManager): Promise<Map<string, unknown>> {
    const ids = contributions.map((c) => c.id);
    const [rows, reminders] = ids.length
      ? await Promise.all([
          em.getRepository(Deadline).find({ where: { contributionId: In(ids) }, order: { createdAt: 'ASC' } }),
          em.getRepository(Reminder).find({ where: { contributionId: In(ids) }, order: { dueAt: 'ASC' } }),
        ])
      : [[], []];
    const remindersByDeadline = new Map<string, Reminder[]>();
    for (const reminder of reminders) (remindersByDeadline.get(reminder.deadlineId) ?? remindersByDeadline.set(reminder.deadlineId, []).get(reminder.deadlineId)!).push(reminder);
    const byContribution = new Map<string, unknown[]>();
    for (const row of rows) {
      const list = byContribution.get(row.contributionId) ?? [];
      list.push(deadlineView(row, remindersByDeadline.get(row.id) ?? []));
      byContribution.set(row.contributionId, list);
    }
    return new Map(contributions.map((c) => [c.id, byContribution.get(c.id) ?? []]));
  }
}

export function deadlineView(row: Deadline, reminders: Reminder[] = []) {
  return {
    id: row.id,
    stage: row.stageId,
    organisationId: row.organisationId,
    extends: row.parentId,
    status: row.status,
    dueAt: row.dueAt.toISOString(),
    timeZone: row.timeZone,
    dueLocal: DateTime.fromJSDate(row.dueAt, { zone: row.timeZone }).toISO(),
    generation: row.generation,
    reminders: row.reminders.map((offset) => ({ before: offset, at: subtractDuration(row.dueAt, offset, row.timeZone).toISOString() })),
    escalation: row.escalation,
    reminderLog: reminders.map((reminder) => ({
      id: reminder.id,
      kind: reminder.kind,
      before: reminder.beforeDue,
      at: reminder.dueAt.toISOString(),
      generation: reminder.generation,
      status: reminder.status,
      sentAt: reminder.sentAt?.toISOString() ?? null,
      outcome: reminder.outcome,
    })),
    firedAt: row.firedAt?.toISOString() ?? null,
    late: row.late,
  };
}
