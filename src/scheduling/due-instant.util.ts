import { DateTime, Duration } from 'luxon';
import type { DeadlineSpec } from '../workflows/definition/definition.types';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A deadline as people write it → an instant. A date alone means the end of that day in the
 * deadline's zone ("by 13 January"); a local date-time is read in that zone; an offset wins.
 * Returns undefined when the text is none of these.
 */
export function parseDeadlineText(text: string, timeZone: string): Date | undefined {
  let parsed: DateTime;
  if (DATE_ONLY.test(text)) parsed = DateTime.fromISO(text, { zone: timeZone }).endOf('day');
  else if (LOCAL_DATE_TIME.test(text)) parsed = DateTime.fromISO(text, { zone: timeZone });
  else if (WITH_OFFSET.test(text)) parsed = DateTime.fromISO(text, { setZone: true });
  else return undefined;
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/** Adds an ISO-8601 duration in the deadline's zone, so "P1M" or "P7D" across a DST change stay calendar-true. */
export function addDuration(from: Date, duration: string, timeZone: string): Date {
  return DateTime.fromJSDate(from, { zone: timeZone }).plus(Duration.fromISO(duration)).toJSDate();
}

export function subtractDuration(from: Date, duration: string, timeZone: string): Date {
  return DateTime.fromJSDate(from, { zone: timeZone }).minus(Duration.fromISO(duration)).toJSDate();
}

export type DueInstantResult = { ok: true; dueAt: Date } | { ok: false; path: string; message: string };

export interface DueInstantInput {
  stageId: string;
  spec: DeadlineSpec;
  /** When the stage was entered (the event's occurredAt). */
  enteredAt: Date;
  payload: Record<string, unknown>;
  /** When `spec.from` was entered, if the deadline counts from another stage. */
  referenceEnteredAt?: Date;
}

export function computeDueInstant({ stageId, spec, enteredAt, payload, referenceEnteredAt }: DueInstantInput): DueInstantResult {
  switch (spec.type) {
    case 'absolute': {
      const dueAt = parseDeadlineText(spec.at, spec.timeZone);
      return dueAt ? { ok: true, dueAt } : { ok: false, path: 'deadline.at', message: `stage "${stageId}" has an unreadable deadline ${spec.at}` };
    }
    case 'relative': {
      if (spec.from && !referenceEnteredAt) {
        return { ok: false, path: 'deadline.from', message: `stage "${stageId}" counts its deadline from "${spec.from}", which has not been entered` };
      }
      return { ok: true, dueAt: addDuration(referenceEnteredAt ?? enteredAt, spec.after, spec.timeZone) };
    }
    case 'fromEvent': {
      const perStage = payload.deadlines && typeof payload.deadlines === 'object' ? (payload.deadlines as Record<string, unknown>)[stageId] : undefined;
      const value = perStage ?? payload[spec.field];
      const path = perStage !== undefined ? `payload.deadlines.${stageId}` : `payload.${spec.field}`;
      if (value === undefined) {
        return {
          ok: false,
          path,
          message: `stage "${stageId}" takes its deadline from this event; add ${path}, e.g. "2025-01-31" (end of that day, ${spec.timeZone}) or "2025-01-31T18:00:00+01:00"`,
        };
      }
      const dueAt = typeof value === 'string' ? parseDeadlineText(value, spec.timeZone) : undefined;
      return dueAt
        ? { ok: true, dueAt }
        : { ok: false, path, message: `must be a date (2025-01-31), a local date-time (2025-01-31T18:00) or a date-time with offset; got ${JSON.stringify(value)}` };
    }
  }
}
