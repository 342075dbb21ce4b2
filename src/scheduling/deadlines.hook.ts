import { Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import {
  AppliedTransitionContext,
  ContributionExtensions,
  TransitionContext,
  TransitionHook,
} from '../contributions/contribution-extensions';
import { DEADLINE_EVENT_PREFIX, EXTEND_DEADLINE_EVENT, StageSpec } from '../workflows/definition/definition.types';
import { computeDueInstant, parseDeadlineText } from './due-instant.util';
import { DEADLINE_TOPICS, DeadlineScheduledPayload } from './outbox-topics';
import { planReminders } from './reminder-plan.util';
import { SchedulingException } from './scheduling.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PendingRow {
  id: string;
  organisation_id: string | null;
  due_at: Date;
  generation: number;
  time_zone: string;
}

interface PendingDeadline {
  id: string;
  organisationId: string | null;
  dueAt: Date;
  generation: number;
  timeZone: string;
}

interface ExtensionDetails {
  stage: string;
  organisationId: string | null;
  oldDueAt: string;
  newDueAt: string;
  timeZone: string;
  newDueLocal: string | null;
  authorisedBy: string;
  deadlineId: string | null;
  parentId: string | null;
  generation: number;
  reminders?: Array<{ kind: string; before: string; at: string }>;
}

/**
 * Keeps deadlines and their reminders in step with the transition path, in its transaction:
 * a stage with a deadline gets one (and its reminder rows) when it is entered, loses them when it
 * is left, EXTEND_DEADLINE moves the deadline and every pending reminder (bumping the generation),
 * and a DEADLINE event is checked against the row so a stale job becomes a recorded no-op.
 * Every change leaves an outbox row; the relay turns it into BullMQ jobs after commit.
 */
@Injectable()
export class DeadlinesHook implements TransitionHook, OnModuleInit {
  readonly name = 'deadlines';
  /** Per transition (keyed by its details object, shared by both hook calls): the stage a firing left with nothing pending. */
  private readonly settled = new WeakMap<object, string>();

  constructor(private readonly extensions: ContributionExtensions) {}

  onModuleInit(): void {
    this.extensions.registerHook(this);
  }

  async beforeTransition(context: TransitionContext): Promise<void> {
    if (context.event.type.startsWith(DEADLINE_EVENT_PREFIX)) await this.checkFirings([context]);
    else if (context.event.type === EXTEND_DEADLINE_EVENT) await this.prepareExtension(context);
  }

  /** A burst of deadline firings is checked with one statement for the whole batch. */
  async beforeTransitions(contexts: TransitionContext[]): Promise<void> {
    await this.checkFirings(contexts.filter((context) => context.event.type.startsWith(DEADLINE_EVENT_PREFIX)));
    for (const context of contexts) if (context.event.type === EXTEND_DEADLINE_EVENT) await this.prepareExtension(context);
  }

  async afterTransition(context: AppliedTransitionContext): Promise<void> {
    if (context.event.type === EXTEND_DEADLINE_EVENT) await this.applyExtension(context);
    for (const stageId of context.exited) await this.cancel(context, stageId);
    for (const stageId of context.entered) await this.open(context, stageId);
    if (!context.creation) this.announceInvitations(context);
  }

  /**
   * A deadline job is only honoured if its row is still pending at the same generation. One
   * statement locks the stages' pending rows, fires the matching ones and silences their
   * reminders, for one firing or a whole batch (this runs for every deadline: round trips count).
   */
  private async checkFirings(contexts: TransitionContext[]): Promise<void> {
    if (contexts.length === 0) return;
    const inputs = contexts.map((context) => {
      const { deadlineId, generation } = context.event.payload ?? {};
      return {
        contributionId: context.contribution.id,
        stageId: context.event.type.slice(DEADLINE_EVENT_PREFIX.length),
        deadlineId: typeof deadlineId === 'string' && UUID.test(deadlineId) ? deadlineId : null,
        generation: Number.isInteger(generation) ? (generation as number) : null,
        firedAt: context.recordedAt,
        late: context.event.payload?.late === true,
      };
    });
    const rows: Array<PendingRow & { contribution_id: string; stage_id: string; fired: boolean }> = await contexts[0].em.query(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[], $5::timestamptz[], $6::boolean[])
           AS i(contribution_id, stage_id, deadline_id, generation, fired_at, late)
       ), pending AS (
         SELECT d.id, d.contribution_id, d.stage_id, d.organisation_id, d.due_at, d.generation, d.time_zone
           FROM deadlines d JOIN input i ON d.contribution_id = i.contribution_id AND d.stage_id = i.stage_id
          WHERE d.status = 'pending' FOR UPDATE OF d
       ), fired AS (
         UPDATE deadlines d SET status = 'fired', fired_at = i.fired_at, late = i.late, updated_at = now()
           FROM input i, pending p WHERE d.id = p.id AND p.id = i.deadline_id AND p.generation = i.generation RETURNING d.id
       ), silenced AS (
         UPDATE reminders SET status = 'cancelled', outcome = '{"reason":"the deadline passed"}', updated_at = now()
          WHERE deadline_id IN (SELECT id FROM fired) AND status = 'pending'
       )
       SELECT p.*, p.id IN (SELECT id FROM fired) AS fired FROM pending p`,
      [
        inputs.map((i) => i.contributionId),
        inputs.map((i) => i.stageId),
        inputs.map((i) => i.deadlineId),
        inputs.map((i) => i.generation),
        inputs.map((i) => i.firedAt),
        inputs.map((i) => i.late),
      ],
    );
    contexts.forEach((context, index) => {
      const { contributionId, stageId } = inputs[index];
      this.decideFiring(context, rows.filter((row) => row.contribution_id === contributionId && row.stage_id === stageId).map(toPending));
    });
  }

  /** Fire, or record why not: the row is gone, the job is from before an extension, or an organisation still has time. */
  private decideFiring(context: TransitionContext, pending: PendingDeadline[]): void {
    const stageId = context.event.type.slice(DEADLINE_EVENT_PREFIX.length);
    const { deadlineId, generation } = context.event.payload ?? {};
    const firedAt = context.recordedAt;
    const deadline = pending.find((row) => row.id === deadlineId);
    context.details.deadline = { deadlineId, generation, stage: stageId };
    if (!deadline) {
      context.noop = { reason: `deadline ${String(deadlineId)} of stage "${stageId}" is no longer pending (stage left or deadline replaced)` };
      return;
    }
    if (deadline.generation !== generation) {
      context.noop = { reason: `stale deadline job: generation ${String(generation)} was superseded by generation ${deadline.generation} (deadline extended)` };
      return;
    }
    const lateByMs = Math.max(0, firedAt.getTime() - deadline.dueAt.getTime());
    Object.assign(context.details.deadline as object, { dueAt: deadline.dueAt.toISOString(), firedAt: firedAt.toISOString(), lateByMs });
    const later = pending.filter((row) => row.id !== deadline.id);
    if (later.length > 0) {
      const last = later.reduce((max, row) => (row.dueAt > max.dueAt ? row : max));
      context.noop = {
        reason: `deadline passed, but ${later.length} organisation${later.length === 1 ? ' has' : 's have'} an extension; the stage closes at ${last.dueAt.toISOString()}`,
      };
      return;
    }
    // Nothing of this stage is pending any more: leaving it needs no cancelling query.
    this.settled.set(context.details, stageId);
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
    // Measured from when the extension was decided: a secretariat recording a past extension back-dates it (occurredAt).
    if (dueAt <= context.occurredAt) throw SchedulingException.invalidExtension('payload.dueAt', 'must be in the future (after the extension is decided)');
    const details: ExtensionDetails = {
      stage: stageId,
      organisationId: context.event.organisationId ?? null,
      oldDueAt: current.dueAt.toISOString(),
      newDueAt: dueAt.toISOString(),
      timeZone: spec.timeZone,
      newDueLocal: DateTime.fromJSDate(dueAt, { zone: spec.timeZone }).toISO(),
      authorisedBy: context.actor.name,
      deadlineId: own ? own.id : context.event.organisationId ? null : current.id,
      // An organisation's first own extension hangs off the general deadline (one calendar event).
      parentId: context.event.organisationId && !own ? (general?.id ?? null) : null,
      generation: own || !context.event.organisationId ? current.generation + 1 : 1,
    };
    context.details.extension = details;
  }

  private async applyExtension(context: AppliedTransitionContext): Promise<void> {
    const extension = context.details.extension as ExtensionDetails;
    const stage = context.workflow.stage(extension.stage)!;
    const dueAt = new Date(extension.newDueAt);
    let deadlineId = extension.deadlineId;
    let cancelledReminderIds: string[] = [];
    const previousGeneration = deadlineId ? extension.generation - 1 : null;
    if (deadlineId) {
      await context.em.query(`UPDATE deadlines SET due_at = $2, generation = $3, updated_at = now() WHERE id = $1`, [deadlineId, dueAt, extension.generation]);
      cancelledReminderIds = await cancelReminders(context.em, [deadlineId], 'moved by an extension');
    } else {
      deadlineId = await insertDeadline(context.em, {
        contributionId: context.contribution.id,
        stageId: extension.stage,
        organisationId: extension.organisationId,
        parentId: extension.parentId,
        dueAt,
        generation: extension.generation,
        timeZone: stage.deadline!.timeZone,
        reminders: stage.reminders,
        escalation: stage.escalation ?? null,
        openedAt: context.occurredAt,
      });
      extension.deadlineId = deadlineId;
    }
    const reminders = await insertReminders(context.em, context, stage, {
      deadlineId,
      generation: extension.generation,
      dueAt,
      withEscalation: extension.organisationId === null,
    });
    extension.reminders = reminders.map((reminder) => ({ kind: reminder.kind, before: reminder.beforeDue, at: reminder.dueAt.toISOString() }));
    const payload: DeadlineScheduledPayload = {
      deadlineId,
      contributionId: context.contribution.id,
      stageId: extension.stage,
      organisationId: extension.organisationId,
      generation: extension.generation,
      dueAt: extension.newDueAt,
      reminders: reminders.map((reminder) => ({ id: reminder.id, dueAt: reminder.dueAt.toISOString() })),
      previousGeneration,
      previousDueAt: extension.oldDueAt,
      cancelledReminderIds,
    };
    context.outbox.push({ topic: DEADLINE_TOPICS.rescheduled, payload: { ...payload } });
  }

  private async open(context: AppliedTransitionContext, stageId: string): Promise<void> {
    const stage = context.workflow.stage(stageId);
    if (!stage?.deadline) return;
    const referenceEnteredAt =
      stage.deadline.type === 'relative' && stage.deadline.from ? await stageEnteredAt(context.em, context.contribution.id, stage.deadline.from, context) : undefined;
    const due = computeDueInstant({ stageId, spec: stage.deadline, enteredAt: context.occurredAt, payload: context.event.payload ?? {}, referenceEnteredAt });
    const deadlines = (context.details.deadlines ??= {}) as Record<string, unknown>;
    if (!due.ok) {
      // The engine cannot be refused (a deadline job would retry forever): the stage opens without
      // a deadline, the record says why, and the secretariat moves it on by hand.
      if (context.actor.role === 'system') {
        deadlines[stageId] = { missing: `${due.path}: ${due.message}` };
        return;
      }
      throw SchedulingException.invalidDeadline(due.path, due.message);
    }
    const deadlineId = await insertDeadline(context.em, {
      contributionId: context.contribution.id,
      stageId,
      organisationId: null,
      parentId: null,
      dueAt: due.dueAt,
      generation: 1,
      timeZone: stage.deadline.timeZone,
      reminders: stage.reminders,
      escalation: stage.escalation ?? null,
      openedAt: context.occurredAt,
    });
    const reminders = await insertReminders(context.em, context, stage, { deadlineId, generation: 1, dueAt: due.dueAt, withEscalation: true });
    deadlines[stageId] = { deadlineId, dueAt: due.dueAt.toISOString(), timeZone: stage.deadline.timeZone, reminders: stage.reminders };
    const payload: DeadlineScheduledPayload = {
      deadlineId,
      contributionId: context.contribution.id,
      stageId,
      organisationId: null,
      generation: 1,
      dueAt: due.dueAt.toISOString(),
      reminders: reminders.map((reminder) => ({ id: reminder.id, dueAt: reminder.dueAt.toISOString() })),
    };
    context.outbox.push({ topic: DEADLINE_TOPICS.scheduled, payload: { ...payload } });
  }

  private async cancel(context: AppliedTransitionContext, stageId: string): Promise<void> {
    if (this.settled.get(context.details) === stageId) return;
    const cancelled: Array<{ id: string; generation: number }> = await context.em.query(
      // Wrapped in a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count], not rows.
      `WITH cancelled AS (UPDATE deadlines SET status = 'cancelled', updated_at = now()
                           WHERE contribution_id = $1 AND stage_id = $2 AND status = 'pending' RETURNING id, generation)
       SELECT id, generation FROM cancelled`,
      [context.contribution.id, stageId],
    );
    if (cancelled.length === 0) return;
    const cancelledReminderIds = await cancelReminders(context.em, cancelled.map((row) => row.id), 'the stage was left');
    for (const row of cancelled) {
      context.outbox.push({
        topic: DEADLINE_TOPICS.cancelled,
        payload: { deadlineId: row.id, contributionId: context.contribution.id, stageId, generation: row.generation, cancelledReminderIds },
      });
    }
  }

  /** Organisations newly invited to a stage that has a deadline are told what is asked and by when. */
  private announceInvitations(context: AppliedTransitionContext): void {
    const before = context.before.context?.invited ?? {};
    const after = context.after.context?.invited ?? {};
    for (const stageId of context.toStages) {
      if (!context.workflow.stage(stageId)?.deadline) continue;
      const known = new Set(before[stageId] ?? []);
      const added = (after[stageId] ?? []).filter((id) => !known.has(id));
      if (added.length > 0) {
        context.outbox.push({ topic: DEADLINE_TOPICS.invited, payload: { contributionId: context.contribution.id, stageId, organisationIds: added } });
      }
    }
  }
}

async function pendingDeadlines(em: EntityManager, contributionId: string, stageId: string): Promise<PendingDeadline[]> {
  const rows: PendingRow[] = await em.query(
    `SELECT id, organisation_id, due_at, generation, time_zone FROM deadlines
      WHERE contribution_id = $1 AND stage_id = $2 AND status = 'pending' FOR UPDATE`,
    [contributionId, stageId],
  );
  return rows.map(toPending);
}

function toPending(row: PendingRow): PendingDeadline {
  return { id: row.id, organisationId: row.organisation_id, dueAt: row.due_at, generation: row.generation, timeZone: row.time_zone };
}

interface NewDeadline {
  contributionId: string;
  stageId: string;
  organisationId: string | null;
  parentId: string | null;
  dueAt: Date;
  generation: number;
  timeZone: string;
  reminders: string[];
  escalation: { before: string; belowResponseRate: number } | null;
  openedAt: Date;
}

async function insertDeadline(em: EntityManager, row: NewDeadline): Promise<string> {
  const [{ id }] = await em.query(
    `INSERT INTO deadlines (contribution_id, stage_id, organisation_id, parent_id, due_at, generation, time_zone, reminders, escalation, opened_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      row.contributionId,
      row.stageId,
      row.organisationId,
      row.parentId,
      row.dueAt,
      row.generation,
      row.timeZone,
      row.reminders,
      row.escalation ? JSON.stringify(row.escalation) : null,
      row.openedAt,
    ],
  );
  return id;
}

/** Writes the reminder (and escalation) rows of one deadline generation; offsets already past are skipped. */
async function insertReminders(
  em: EntityManager,
  context: AppliedTransitionContext,
  stage: StageSpec,
  target: { deadlineId: string; generation: number; dueAt: Date; withEscalation: boolean },
): Promise<Array<{ id: string; kind: string; beforeDue: string; dueAt: Date }>> {
  const planned = planReminders({
    dueAt: target.dueAt,
    timeZone: stage.deadline!.timeZone,
    reminders: stage.reminders,
    escalation: target.withEscalation ? stage.escalation : null,
    now: context.recordedAt,
  });
  if (planned.length === 0) return [];
  const rows: Array<{ id: string; kind: string; before_due: string; due_at: Date }> = await em.query(
    `INSERT INTO reminders (deadline_id, contribution_id, stage_id, generation, kind, before_due, due_at)
     SELECT $1, $2, $3, $4, kind, before_due, due_at FROM unnest($5::text[], $6::text[], $7::timestamptz[]) AS r(kind, before_due, due_at)
     RETURNING id, kind, before_due, due_at`,
    [
      target.deadlineId,
      context.contribution.id,
      stage.id,
      target.generation,
      planned.map((r) => r.kind),
      planned.map((r) => r.beforeDue),
      planned.map((r) => r.dueAt.toISOString()),
    ],
  );
  return rows.map((row) => ({ id: row.id, kind: row.kind, beforeDue: row.before_due, dueAt: row.due_at }));
}

async function cancelReminders(em: EntityManager, deadlineIds: string[], reason: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await em.query(
    `WITH cancelled AS (UPDATE reminders SET status = 'cancelled', outcome = jsonb_build_object('reason', $2::text), updated_at = now()
                         WHERE deadline_id = ANY($1::uuid[]) AND status = 'pending' RETURNING id)
     SELECT id FROM cancelled`,
    [deadlineIds, reason],
  );
  return rows.map((row) => row.id);
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
