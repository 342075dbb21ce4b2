import { localDate } from './meeting-date.util';

describe('localDate', () => {
  it('gives the date where the process runs, not in UTC', () => {
    expect(localDate(new Date('2025-04-24T22:30:00Z'), 'Europe/Moscow')).toBe('2025-04-25');
    expect(localDate(new Date('2025-04-24T22:30:00Z'), 'America/New_York')).toBe('2025-04-24');
  });
});
