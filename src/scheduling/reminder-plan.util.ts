import { Duration } from 'luxon';
import { subtractDuration } from './due-instant.util';

export type ReminderKind = 'reminder' | 'escalation';

export interface PlannedReminder {
  kind: ReminderKind;
  /** ISO-8601 duration before the deadline, as the definition wrote it. */
  beforeDue: string;
  dueAt: Date;
}

export interface ReminderPlanInput {
  dueAt: Date;
  /** The deadline's zone: "P1D before" is a calendar day there, DST included. */
  timeZone: string;
  reminders: string[];
  escalation?: { before: string } | null;
  /** Reminders whose instant is not after this are not planned (they would be late on arrival). */
  now: Date;
}

/**
 * The reminder and escalation instants of one deadline generation, earliest first. Offsets whose
 * instant has already passed are left out: a "7 days before" reminder makes no sense for a round
 * opened (or extended to) three days before its deadline.
 */
export function planReminders({ dueAt, timeZone, reminders, escalation, now }: ReminderPlanInput): PlannedReminder[] {
  const planned: PlannedReminder[] = [];
  const seen = new Set<string>();
  for (const beforeDue of reminders) {
    const key = Duration.fromISO(beforeDue).toMillis().toString();
    if (seen.has(key)) continue;
    seen.add(key);
    planned.push({ kind: 'reminder', beforeDue, dueAt: subtractDuration(dueAt, beforeDue, timeZone) });
  }
  if (escalation) planned.push({ kind: 'escalation', beforeDue: escalation.before, dueAt: subtractDuration(dueAt, escalation.before, timeZone) });
  return planned.filter((reminder) => reminder.dueAt > now && reminder.dueAt < dueAt).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
