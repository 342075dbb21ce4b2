import { isValidJobId, jobIds } from './job-ids.util';

describe('job ids', () => {
  const deadlineId = '5b7c1f0e-7a0e-4c1b-9a57-0d6f0c2f4a11';

  it('is the same for the same deadline and generation, and changes with the generation', () => {
    expect(jobIds.deadline(deadlineId, 1)).toBe(`deadline-${deadlineId}-g1`);
    expect(jobIds.deadline(deadlineId, 1)).toBe(jobIds.deadline(deadlineId, 1));
    expect(jobIds.deadline(deadlineId, 2)).not.toBe(jobIds.deadline(deadlineId, 1));
  });

  it('never produces an id BullMQ refuses, even for a numeric outbox id', () => {
    for (const id of [jobIds.deadline(deadlineId, 3), jobIds.reminder(deadlineId), jobIds.notice(42), jobIds.email(deadlineId), jobIds.webhook(deadlineId)]) {
      expect(isValidJobId(id)).toBe(true);
    }
    expect(jobIds.notice(42)).toBe('notice-42');
  });

  it('refuses ids with ":" or made only of digits', () => {
    expect(isValidJobId('12345')).toBe(false);
    expect(isValidJobId('deadline:1')).toBe(false);
    expect(isValidJobId('')).toBe(false);
    expect(() => jobIds.reminder('a:b')).toThrow(/invalid job id/);
  });
});
