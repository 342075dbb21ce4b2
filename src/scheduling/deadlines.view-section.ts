import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager, In } from 'typeorm';
import { ContributionExtensions, ContributionViewSection } from '../contributions/contribution-extensions';
import { Contribution } from '../contributions/entities/contribution.entity';
import { subtractDuration } from './due-instant.util';
import { Deadline } from './entities/deadline.entity';

/** Adds `deadlines` (pending and past, with reminder instants) to GET /contributions/:id. */
@Injectable()
export class DeadlinesViewSection implements ContributionViewSection, OnModuleInit {
  readonly name = 'deadlines';

  constructor(private readonly extensions: ContributionExtensions) {}

  onModuleInit(): void {
    this.extensions.registerViewSection(this);
  }

  async describe(contributions: Contribution[], em: EntityManager): Promise<Map<string, unknown>> {
    const rows = contributions.length
      ? await em.getRepository(Deadline).find({ where: { contributionId: In(contributions.map((c) => c.id)) }, order: { createdAt: 'ASC' } })
      : [];
    const byContribution = new Map<string, unknown[]>();
    for (const row of rows) {
      const list = byContribution.get(row.contributionId) ?? [];
      list.push(deadlineView(row));
      byContribution.set(row.contributionId, list);
    }
    return new Map(contributions.map((c) => [c.id, byContribution.get(c.id) ?? []]));
  }
}

export function deadlineView(row: Deadline) {
  return {
    id: row.id,
    stage: row.stageId,
    organisationId: row.organisationId,
    status: row.status,
    dueAt: row.dueAt.toISOString(),
    timeZone: row.timeZone,
    dueLocal: DateTime.fromJSDate(row.dueAt, { zone: row.timeZone }).toISO(),
    generation: row.generation,
    reminders: row.reminders.map((offset) => ({ before: offset, at: subtractDuration(row.dueAt, offset, row.timeZone).toISOString() })),
    escalation: row.escalation,
    firedAt: row.firedAt?.toISOString() ?? null,
    late: row.late,
  };
}
