import { planRelay } from './relay-plan.util';

const deadlineId = '11111111-2222-4333-8444-555555555555';
const contributionId = '99999999-8888-4777-8666-555555555555';

describe('planRelay', () => {
  it('schedules a deadline at its instant and each reminder at its own, with deterministic ids', () => {
    const rows = [
      {
        id: '41',
        topic: 'deadline.scheduled',
        payload: {
          deadlineId,
          contributionId,
          stageId: 'comments',
          organisationId: null,
          generation: 1,
          dueAt: '2025-01-31T20:59:59.999Z',
          reminders: [{ id: 'r-1', dueAt: '2025-01-30T20:59:59.999Z' }],
        },
      },
    ];
    const plan = planRelay(rows);
    expect(plan.add).toEqual([
      {
        name: 'deadline.fire',
        id: `deadline-${deadlineId}-g1`,
        data: { deadlineId, generation: 1, contributionId, stageId: 'comments', dueAt: '2025-01-31T20:59:59.999Z' },
        runAt: new Date('2025-01-31T20:59:59.999Z'),
      },
      { name: 'reminder.send', id: 'reminder-r-1', data: { reminderId: 'r-1', dueAt: '2025-01-30T20:59:59.999Z' }, runAt: new Date('2025-01-30T20:59:59.999Z') },
    ]);
    expect(plan.remove).toEqual([]);
    expect(planRelay(rows)).toEqual(plan);
  });

  it('on an extension: the new generation, removal of the old job and old reminders, and a notice for the people concerned', () => {
    const plan = planRelay([
      {
        id: '77',
        topic: 'deadline.rescheduled',
        payload: {
          deadlineId,
          contributionId,
          stageId: 'comments',
          organisationId: null,
          generation: 2,
          dueAt: '2025-03-14T20:59:59.999Z',
          reminders: [],
          previousGeneration: 1,
          cancelledReminderIds: ['r-1'],
        },
      },
    ]);
    expect(plan.add.map((job) => job.id)).toEqual([`deadline-${deadlineId}-g2`, 'notice-77']);
    expect(plan.remove).toEqual([
      { name: 'deadline.fire', id: `deadline-${deadlineId}-g1` },
      { name: 'reminder.send', id: 'reminder-r-1' },
    ]);
  });

  it('keeps the job of a cancelled deadline (it records a no-op) but drops its reminders', () => {
    const plan = planRelay([{ id: '5', topic: 'deadline.cancelled', payload: { deadlineId, contributionId, stageId: 'comments', generation: 1, cancelledReminderIds: ['r-2'] } }]);
    expect(plan.add).toEqual([]);
    expect(plan.remove).toEqual([{ name: 'reminder.send', id: 'reminder-r-2' }]);
  });

  it('turns notices into one delivery job each and reports topics it does not know', () => {
    const plan = planRelay([
      { id: '1', topic: 'notification.email', payload: { notificationId: 'n-1' } },
      { id: '2', topic: 'webhook.delivery', payload: { deliveryId: 'd-1' } },
      { id: '4', topic: 'something.else', payload: {} },
    ]);
    expect(plan.add.map((job) => [job.name, job.id])).toEqual([
      ['email.send', 'email-n-1'],
      ['webhook.deliver', 'webhook-d-1'],
    ]);
    expect(plan.unknown).toEqual(['something.else']);
  });
});
