import { dayOf, formatDay, formatDays, formatDue, formatRange, payloadDay } from './report-dates.util';

describe('report dates', () => {
  it('reads an instant as the day it fell on in the workflow zone', () => {
    expect(dayOf('2025-01-13T21:30:00Z', 'Europe/Moscow')).toBe('2025-01-14');
    expect(dayOf('2025-01-13T21:30:00Z', 'UTC')).toBe('2025-01-13');
    expect(dayOf(new Date('2025-09-10T14:00:00Z'), 'Europe/Moscow')).toBe('2025-09-10');
  });

  it('takes a bare payload date as the local day, and places a date-time in the zone', () => {
    expect(payloadDay('2025-01-20', 'America/New_York')).toBe('2025-01-20');
    expect(payloadDay('2025-01-20T23:00:00+00:00', 'Europe/Moscow')).toBe('2025-01-21');
    expect(payloadDay('20 January', 'UTC')).toBeUndefined();
    expect(payloadDay(20250120, 'UTC')).toBeUndefined();
  });

  it('prints ranges the way the seed documents write them', () => {
    expect(formatDay('2025-06-06')).toBe('6 June 2025');
    expect(formatRange('2024-12-04', '2024-12-20')).toBe('4 – 20 December 2024');
    expect(formatRange('2024-12-20', '2025-01-13')).toBe('20 December 2024 – 13 January 2025');
    expect(formatRange('2025-02-28', '2025-04-11')).toBe('28 February – 11 April 2025');
    expect(formatRange('2025-07-07', '2025-07-11')).toBe('7 – 11 July 2025');
    expect(formatRange('2025-01-20', '2025-01-20')).toBe('20 January 2025');
  });

  it('lists separate days without repeating month and year', () => {
    expect(formatDays(['2025-06-06', '2025-06-06'])).toBe('6 June 2025');
    expect(formatDays(['2025-06-09', '2025-06-06', '2025-06-07'])).toBe('6, 7 and 9 June 2025');
    expect(formatDays(['2025-06-06', '2025-09-20'])).toBe('6 June and 20 September 2025');
    expect(formatDays(['2024-12-30', '2025-01-02'])).toBe('30 December 2024 and 2 January 2025');
    expect(formatDays([])).toBe('');
  });

  it('prints a deadline given as a date as that day, and any other time with its zone', () => {
    expect(formatDue('2025-01-31T22:59:59.999Z', 'Europe/Zurich')).toBe('31 January 2025');
    expect(formatDue('2025-03-14T17:00:00Z', 'Europe/Zurich')).toBe('14 March 2025, 18:00 (Europe/Zurich)');
  });
});
