import { calendarEntries, FeedDeadline, renderCalendar } from './calendar-feed.util';

const base: FeedDeadline = {
  id: '0f4c1d2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f',
  contributionId: 'c0ffee00-0000-4000-8000-000000000001',
  contributionTitle: 'RCC Declaration on WSIS+20',
  symbol: null,
  stageId: 'proposals',
  stageTitle: 'Proposals on the draft',
  dueAt: new Date('2025-01-31T20:59:59.999Z'),
  timeZone: 'Europe/Moscow',
  generation: 1,
  status: 'pending',
  updatedAt: new Date('2025-01-10T09:00:00Z'),
};

const reader = { language: 'en', timeZone: 'Europe/Paris' };

function unfold(ics: string): string {
  return ics.replace(/\r\n[ \t]/g, '');
}

describe('calendar feed', () => {
  it('keeps the UID of a deadline and raises SEQUENCE with each extension', () => {
    const [before] = calendarEntries([base], reader, 'http://ce.test', 'ce.test');
    const [after] = calendarEntries([{ ...base, dueAt: new Date('2025-03-14T20:59:59.999Z'), generation: 2, updatedAt: new Date('2025-01-20T10:00:00Z') }], reader, 'http://ce.test', 'ce.test');
    expect(after.uid).toBe(before.uid);
    expect(before.uid).toBe(`deadline-${base.id}@ce.test`);
    expect([before.sequence, after.sequence]).toEqual([1, 2]);
    expect(after.dueAt.toISOString()).toBe('2025-03-14T20:59:59.999Z');
  });

  it("moves an organisation's event to its own later extension and still raises SEQUENCE", () => {
    const own = { dueAt: new Date('2025-02-07T20:59:59.999Z'), generation: 1, updatedAt: new Date('2025-01-25T10:00:00Z'), organisationName: 'Org A' };
    const [entry] = calendarEntries([{ ...base, own }], reader, 'http://ce.test', 'ce.test');
    expect(entry.dueAt).toEqual(own.dueAt);
    expect(entry.sequence).toBe(2);
    expect(entry.stamp).toEqual(own.updatedAt);
    expect(entry.summary).toBe('Deadline: Proposals on the draft – RCC Declaration on WSIS+20 (Org A)');
  });

  it('renders iCalendar with UTC times, the UID, SEQUENCE and both zones in the description', () => {
    const ics = unfold(renderCalendar('Deadlines', calendarEntries([base], reader, 'http://ce.test', 'ce.test')));
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`UID:deadline-${base.id}@ce.test`);
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toContain('DTSTART:20250131T205959Z');
    expect(ics).toContain('Deadline: Friday 31 January 2025\\, 21:59 (your time zone\\, Europe/Paris)');
    expect(ics).toContain('Authoritative deadline: Friday 31 January 2025\\, 23:59 (Europe/Moscow)');
    expect(ics).toContain('URL;VALUE=URI:http://ce.test/app/?contribution=c0ffee00-0000-4000-8000-000000000001');
  });
});
