import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import {
  AppliedTransitionContext,
  ContributionExtensions,
  TransitionContext,
  TransitionHook,
} from '../contributions/contribution-extensions';
import { DEADLINE_EVENT_PREFIX, EXTEND_DEADLINE_EVENT } from '../workflows/definition/definition.types';
import { computeDueInstant, parseDeadlineText } from './due-instant.util';
import { Deadline } from './entities/deadline.entity';
import { SchedulingException } from './scheduling.exception';

export const DEADLINE_TOPICS = {
  scheduled: 'deadline.scheduled',
  rescheduled: 'deadline.rescheduled',
  cancelled: 'deadline.cancelled',
} as const;

/**
 * Keeps deadlines in step with the transition path: a stage with a deadline gets one when it is
 * entered, loses it when it is left, EXTEND_DEADLINE moves it (bumping its generation), and a
 * DEADLINE event is checked against the row so a stale job becomes a recorded no-op.
 */
@Injectable()
export class DeadlinesHook implements TransitionHook, OnModuleInit {
  readonly name = 'deadlines';

  constructor(private readonly extensions: ContributionExtensions) {}

  onModuleInit(): void {
    this.extensions.registerHook(this);
  }

  async beforeTransition(context: TransitionContext): Promise<void> {
    if (context.event.type.startsWith(DEADLINE_EVENT_PREFIX)) await this.checkFiring(context);
    else if (context.event.type === EXTEND_DEADLINE_EVENT) await this.prepareExtension(context);
  }

  async afterTransition(context: AppliedTransitionContext): Promise<void> {
    if (context.event.type === EXTEND_DEADLINE_EVENT) await this.applyExtension(context);
    for (const stageId of context.exited) await this.cancel(context, stageId);
    for (const stageId of context.entered) await this.open(context, stageId);
  }

  /** A deadline job is only honoured if its row is still pending at the same generation. */
  private async checkFiring(context: TransitionContext): Promise<void> {
    const stageId = context.event.type.slice(DEADLINE_EVENT_PREFIX.length);
    const { deadlineId, generation } = context.event.payload ?? {};
    const rows = await pendingDeadlines(context.em, context.contribution.id, stageId);
    const deadline = rows.find((row) => row.id === deadlineId);
    context.details.deadline = { deadlineId, generation, stage: stageId };
    if (!deadline) {
      context.noop = { reason: `deadline ${String(deadlineId)} of stage "${stageId}" is no longer pending (stage left or deadline replaced)` };
      return;
    }
    if (deadline.generation !== generation) {
      context.noop = { reason: `stale deadline job: generation ${String(generation)} was superseded by generation ${deadline.generation} (deadline extended)` };
      return;
    }
    const firedAt = context.recordedAt;
    const lateByMs = Math.max(0, firedAt.getTime() - deadline.dueAt.getTime());
    Object.assign(context.details.deadline as object, { dueAt: deadline.dueAt.toISOString(), firedAt: firedAt.toISOString(), lateByMs });
    await context.em.query(`UPDATE deadlines SET status = 'fired', fired_at = $2, late = $3, updated_at = now() WHERE id = $1`, [
      deadline.id,
      firedAt,
      context.event.payload?.late === true,
    ]);
    const later = rows.filter((row) => row.id !== deadline.id);
    if (later.length > 0) {
      const last = later.reduce((max, row) => (row.dueAt > max.dueAt ? row : max));
      context.noop = {
        reason: `deadline passed, but ${later.length} organisation${later.length === 1 ? ' has' : 's have'} an extension; the stage closes at ${last.dueAt.toISOString()}`,
      };
    }
  }

  private async prepareExtension(context: TransitionContext): Promise<void> {
    const payload = context.event.payload ?? {};
    const candidates = context.fromStages.filter((id) => context.workflow.stage(id)?.deadline);
    const stageId = typeof payload.stage === 'string' ? payload.stage : candidates.length === 1 ? candidates[0] : undefined;
    if (!stageId) {
      throw SchedulingException.invalidExtension('payload.stage', `name the stage whose deadline to extend: one of ${candidates.join(', ')}`);
    }
    if (!candidates.includes(stageId)) {
      throw SchedulingException.invalidExtension('payload.stage', `"${stageId}" is not a current stage with a deadline; current: ${candidates.join(', ') || 'none'}`);
    }
    const spec = context.workflow.stage(stageId)!.deadline!;
    if (typeof payload.dueAt !== 'string') {
      throw SchedulingException.invalidExtension('payload.dueAt', `give the new deadline, e.g. "2025-03-14" (end of that day, ${spec.timeZone})`);
    }
    const dueAt = parseDeadlineText(payload.dueAt, spec.timeZone);
    if (!dueAt) throw SchedulingException.invalidExtension('payload.dueAt', 'must be a date (2025-03-14), a local date-time (2025-03-14T18:00) or a date-time with offset');

    const rows = await pendingDeadlines(context.em, context.contribution.id, stageId);
    const general = rows.find((row) => row.organisationId === null);
    const own = context.event.organisationId ? rows.find((row) => row.organisationId === context.event.organisationId) : undefined;
    const current = own ?? general;
    if (!current) throw SchedulingException.invalidExtension('payload.stage', `stage "${stageId}" has no pending deadline to extend`);
    if (dueAt <= current.dueAt) {
      throw SchedulingException.invalidExtension('payload.dueAt', `must be later than the current deadline ${current.dueAt.toISOString()}`);
    }
    if (dueAt <= context.recordedAt) throw SchedulingException.invalidExtension('payload.dueAt', 'must be in the future');
    context.details.extension = {
      stage: stageId,
      organisationId: context.event.organisationId ?? null,
      oldDueAt: current.dueAt.toISOString(),
      newDueAt: dueAt.toISOString(),
      timeZone: spec.timeZone,
      newDueLocal: DateTime.fromJSDate(dueAt, { zone: spec.timeZone }).toISO(),
      authorisedBy: context.actor.name,
      deadlineId: own ? own.id : context.event.organisationId ? null : current.id,
      generation: own || !context.event.organisationId ? current.generation + 1 : 1,
    };
  }

  private async applyExtension(context: AppliedTransitionContext): Promise<void> {
    const extension = context.details.extension as { stage: string; organisationId: string | null; newDueAt: string; deadlineId: string | null; generation: number };
    const stage = context.workflow.stage(extension.stage)!;
    let deadlineId = extension.deadlineId;
    if (deadlineId) {
      await context.em.query(`UPDATE deadlines SET due_at = $2, generation = $3, updated_at = now() WHERE id = $1`, [
        deadlineId,
        extension.newDueAt,
        extension.generation,
      ]);
    } else {
      deadlineId = await insertDeadline(context.em, {
        contributionId: context.contribution.id,
        stageId: extension.stage,
        organisationId: extension.organisationId,
        dueAt: new Date(extension.newDueAt),
        timeZone: stage.deadline!.timeZone,
        reminders: stage.reminders,
        escalation: stage.escalation ?? null,
        openedAt: context.occurredAt,
      });
      (context.details.extension as Record<string, unknown>).deadlineId = deadlineId;
    }
    context.outbox.push({
      topic: DEADLINE_TOPICS.rescheduled,
      payload: {
        deadlineId,
        contributionId: context.contribution.id,
        stageId: extension.stage,
        organisationId: extension.organisationId,
        generation: extension.generation,
        dueAt: extension.newDueAt,
      },
    });
  }

  private async open(context: AppliedTransitionContext, stageId: string): Promise<void> {
    const stage = context.workflow.stage(stageId);
    if (!stage?.deadline) return;
    const referenceEnteredAt =
      stage.deadline.type === 'relative' && stage.deadline.from ? await stageEnteredAt(context.em, context.contribution.id, stage.deadline.from, context) : undefined;
    const due = computeDueInstant({ stageId, spec: stage.deadline, enteredAt: context.occurredAt, payload: context.event.payload ?? {}, referenceEnteredAt });
    if (!due.ok) throw SchedulingException.invalidDeadline(due.path, due.message);
    const deadlineId = await insertDeadline(context.em, {
      contributionId: context.contribution.id,
      stageId,
      organisationId: null,
      dueAt: due.dueAt,
      timeZone: stage.deadline.timeZone,
      reminders: stage.reminders,
      escalation: stage.escalation ?? null,
      openedAt: context.occurredAt,
    });
    const deadlines = (context.details.deadlines ??= {}) as Record<string, unknown>;
    deadlines[stageId] = { deadlineId, dueAt: due.dueAt.toISOString(), timeZone: stage.deadline.timeZone, reminders: stage.reminders };
    context.outbox.push({
      topic: DEADLINE_TOPICS.scheduled,
      payload: { deadlineId, contributionId: context.contribution.id, stageId, organisationId: null, generation: 1, dueAt: due.dueAt.toISOString() },
    });
  }

  private async cancel(context: AppliedTransitionContext, stageId: string): Promise<void> {
    const cancelled: Array<{ id: string; generation: number }> = await context.em.query(
      `UPDATE deadlines SET status = 'cancelled', updated_at = now() WHERE contribution_id = $1 AND stage_id = $2 AND status = 'pending' RETURNING id, generation`,
      [context.contribution.id, stageId],
    );
    for (const row of cancelled) {
      context.outbox.push({ topic: DEADLINE_TOPICS.cancelled, payload: { deadlineId: row.id, contributionId: context.contribution.id, stageId, generation: row.generation } });
    }
  }
}

async function pendingDeadlines(em: EntityManager, contributionId: string, stageId: string): Promise<Deadline[]> {
  return em
    .getRepository(Deadline)
    .createQueryBuilder('d')
    .setLock('pessimistic_write')
    .where('d.contribution_id = :contributionId AND d.stage_id = :stageId AND d.status = :status', { contributionId, stageId, status: 'pending' })
    .getMany();
}

async function insertDeadline(
  em: EntityManager,
  row: Pick<Deadline, 'contributionId' | 'stageId' | 'organisationId' | 'dueAt' | 'timeZone' | 'reminders' | 'escalation' | 'openedAt'>,
): Promise<string> {
  const [{ id }] = await em.query(
    `INSERT INTO deadlines (contribution_id, stage_id, organisation_id, due_at, time_zone, reminders, escalation, opened_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [row.contributionId, row.stageId, row.organisationId, row.dueAt, row.timeZone, row.reminders, row.escalation ? JSON.stringify(row.escalation) : null, row.openedAt],
  );
  return id;
}

/** When another stage was last entered, from the audit trail (or now, if it is entered by this very event). */
async function stageEnteredAt(em: EntityManager, contributionId: string, stageId: string, context: AppliedTransitionContext): Promise<Date | undefined> {
  if (context.entered.includes(stageId)) return context.occurredAt;
  const [row] = await em.query(
    `SELECT occurred_at FROM transition_records
      WHERE contribution_id = $1 AND $2 = ANY(to_stages) AND NOT ($2 = ANY(from_stages)) ORDER BY seq DESC LIMIT 1`,
    [contributionId, stageId],
  );
  return row?.occurred_at;
}
