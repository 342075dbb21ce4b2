import { closestMatch } from './closest-match.util';

describe('closestMatch', () => {
  it('suggests the nearest known name for a typo', () => {
    expect(closestMatch('editoral-session', ['drafting', 'editorial-session', 'submission'])).toBe('editorial-session');
  });

  it('suggests nothing when no name is close', () => {
    expect(closestMatch('plenary', ['drafting', 'editorial-session'])).toBeUndefined();
  });
});
