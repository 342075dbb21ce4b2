import { isFinalAttempt } from './final-attempt.util';

describe('isFinalAttempt', () => {
  it('counts the attempt being run (attemptsMade counts the failed ones before it)', () => {
    expect(isFinalAttempt({ attemptsMade: 0, opts: { attempts: 3 } })).toBe(false);
    expect(isFinalAttempt({ attemptsMade: 1, opts: { attempts: 3 } })).toBe(false);
    expect(isFinalAttempt({ attemptsMade: 2, opts: { attempts: 3 } })).toBe(true);
  });

  it('treats a job without retries as always on its last attempt', () => {
    expect(isFinalAttempt({ attemptsMade: 0, opts: {} })).toBe(true);
  });
});
