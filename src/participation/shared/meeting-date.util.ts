import { DateTime } from 'luxon';

/** The calendar date of an instant where the process runs (the workflow's time zone): a meeting "on 24 April 2025". */
export function localDate(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate() ?? instant.toISOString().slice(0, 10);
}
