import { planReminders } from './reminder-plan.util';

describe('planReminders', () => {
  const dueAt = new Date('2025-01-31T20:59:59.999Z'); // end of 31 January in Moscow

  it('places each offset before the deadline, earliest first, with the escalation among them', () => {
    const plan = planReminders({
      dueAt,
      timeZone: 'Europe/Moscow',
      reminders: ['P1D', 'P7D', 'P2D'],
      escalation: { before: 'P3D' },
      now: new Date('2025-01-01T00:00:00Z'),
    });
    expect(plan.map((r) => [r.kind, r.beforeDue, r.dueAt.toISOString()])).toEqual([
      ['reminder', 'P7D', '2025-01-24T20:59:59.999Z'],
      ['escalation', 'P3D', '2025-01-28T20:59:59.999Z'],
      ['reminder', 'P2D', '2025-01-29T20:59:59.999Z'],
      ['reminder', 'P1D', '2025-01-30T20:59:59.999Z'],
    ]);
  });

  it('leaves out offsets that have already passed', () => {
    const plan = planReminders({ dueAt, timeZone: 'Europe/Moscow', reminders: ['P7D', 'P2D', 'P1D'], now: new Date('2025-01-29T21:00:00Z') });
    expect(plan.map((r) => r.beforeDue)).toEqual(['P1D']);
  });

  it('counts calendar days in the deadline zone across a DST change', () => {
    // Paris moves to summer time in the night of 29 to 30 March 2025: "one day before" 30 March 18:00
    // is 29 March 18:00 local, only 23 hours earlier; PT24H stays 24 hours.
    const due = new Date('2025-03-30T16:00:00Z');
    const now = new Date('2025-03-01T00:00:00Z');
    const [day] = planReminders({ dueAt: due, timeZone: 'Europe/Paris', reminders: ['P1D'], now });
    expect(day.dueAt.toISOString()).toBe('2025-03-29T17:00:00.000Z');
    expect(due.getTime() - day.dueAt.getTime()).toBe(23 * 3600_000);
    const [hours] = planReminders({ dueAt: due, timeZone: 'Europe/Paris', reminders: ['PT24H'], now });
    expect(hours.dueAt.toISOString()).toBe('2025-03-29T16:00:00.000Z');
  });

  it('keeps one reminder per distinct offset and handles seconds for quick rounds', () => {
    const now = new Date('2025-01-31T20:59:00Z');
    const plan = planReminders({ dueAt, timeZone: 'UTC', reminders: ['PT30S', 'PT30S', 'PT15S'], now });
    expect(plan.map((r) => r.beforeDue)).toEqual(['PT30S', 'PT15S']);
  });
});
