import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { TransitionContext } from '../../contributions/contribution-extensions';
import { ParticipationException } from '../participation.exception';

export interface EffectiveDeadline {
  dueAt: Date;
  timeZone: string;
  /** True when it is the organisation's own extension rather than the general deadline. */
  own: boolean;
}

interface DeadlineRow {
  organisation_id: string | null;
  due_at: Date;
  time_zone: string;
  created_at: Date;
}

/**
 * An organisation's deadline in the current visit of a stage: its own extension if it has one,
 * else the general deadline. The general row of the current visit is the newest one not
 * cancelled (leaving a stage cancels what is pending; a row that fired stays, so an organisation
 * without an extension is still held to it while others' extensions keep the stage open).
 */
export async function effectiveDeadline(em: EntityManager, contributionId: string, stageId: string, organisationId: string): Promise<EffectiveDeadline | null> {
  const rows: DeadlineRow[] = await em.query(
    `SELECT organisation_id, due_at, time_zone, created_at FROM deadlines
      WHERE contribution_id = $1 AND stage_id = $2 AND status <> 'cancelled' AND (organisation_id IS NULL OR organisation_id = $3)
      ORDER BY created_at DESC, due_at DESC`,
    [contributionId, stageId, organisationId],
  );
  const general = rows.find((row) => row.organisation_id === null);
  const own = rows.find((row) => row.organisation_id === organisationId && (!general || row.created_at >= general.created_at));
  const chosen = own ?? general;
  return chosen ? { dueAt: new Date(chosen.due_at), timeZone: chosen.time_zone, own: chosen === own } : null;
}

/** Refuses (409) an action taken after the organisation's deadline; the action's business time is the event's occurredAt. */
export async function assertBeforeDeadline(context: TransitionContext, stageId: string, organisationId: string, action: string): Promise<void> {
  const deadline = await effectiveDeadline(context.em, context.contribution.id, stageId, organisationId);
  if (!deadline || context.occurredAt.getTime() <= deadline.dueAt.getTime()) return;
  const local = DateTime.fromJSDate(deadline.dueAt, { zone: deadline.timeZone }).toISO({ suppressMilliseconds: true }) ?? deadline.dueAt.toISOString();
  throw ParticipationException.deadlinePassed(stageId, `${local} (${deadline.timeZone})`, deadline.own, action);
}
