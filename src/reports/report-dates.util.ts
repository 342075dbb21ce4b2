import { DateTime } from 'luxon';

/**
 * Dates as the report prints them, in the workflow's time zone: "20 January 2025",
 * "4 – 20 December 2024", "28 February – 11 April 2025", "20 December 2024 – 13 January 2025".
 */

/** A calendar day, yyyy-MM-dd, as it fell in a zone. */
export type CalendarDay = string;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function dayOf(instant: Date | string, timeZone: string): CalendarDay {
  return DateTime.fromJSDate(new Date(instant), { zone: timeZone }).toISODate()!;
}

/**
 * A date written in a payload (a meeting's or an event's): a bare date is taken as it is (it
 * already names the local day); a date-time is read with its offset and placed in the zone.
 * Undefined when it is neither.
 */
export function payloadDay(value: unknown, timeZone: string): CalendarDay | undefined {
  if (typeof value !== 'string') return undefined;
  if (DAY.test(value)) return DateTime.fromISO(value).isValid ? value : undefined;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.setZone(timeZone).toISODate()! : undefined;
}

const parts = (day: CalendarDay) => {
  const date = DateTime.fromISO(day);
  return { day: String(date.day), month: date.setLocale('en-GB').toFormat('LLLL'), year: String(date.year) };
};

export function formatDay(day: CalendarDay): string {
  const p = parts(day);
  return `${p.day} ${p.month} ${p.year}`;
}

export function formatRange(start: CalendarDay, end: CalendarDay): string {
  if (end <= start) return formatDay(start);
  const a = parts(start);
  const b = parts(end);
  if (a.year !== b.year) return `${formatDay(start)} – ${formatDay(end)}`;
  if (a.month !== b.month) return `${a.day} ${a.month} – ${b.day} ${b.month} ${b.year}`;
  return `${a.day} – ${b.day} ${b.month} ${b.year}`;
}

/** Several separate days: "6 June 2025", "6 June and 20 September 2025", "6, 7 and 9 June 2025". */
export function formatDays(days: CalendarDay[]): string {
  const sorted = [...new Set(days)].sort();
  if (sorted.length <= 1) return sorted.length ? formatDay(sorted[0]) : '';
  const p = sorted.map(parts);
  const sameYear = p.every((x) => x.year === p[0].year);
  const sameMonth = sameYear && p.every((x) => x.month === p[0].month);
  const label = (x: (typeof p)[number], last: boolean) => (sameMonth && !last ? x.day : sameYear && !last ? `${x.day} ${x.month}` : `${x.day} ${x.month} ${x.year}`);
  const texts = p.map((x, index) => (index === p.length - 1 ? label(x, true) : label(x, false)));
  return `${texts.slice(0, -1).join(', ')} and ${texts[texts.length - 1]}`;
}

/**
 * A due instant as people read it: "31 January 2025" when it is the end of that day in the
 * deadline's zone (a deadline given as a date), else with the time and zone.
 */
export function formatDue(instant: Date | string, timeZone: string): string {
  const local = DateTime.fromJSDate(new Date(instant), { zone: timeZone });
  const day = formatDay(local.toISODate()!);
  if (local.hour === 23 && local.minute === 59) return day;
  return `${day}, ${local.toFormat('HH:mm')} (${timeZone})`;
}
