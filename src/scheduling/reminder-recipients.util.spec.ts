import { reminderRecipients, responseRate, shouldEscalate, stageFacts } from './reminder-recipients.util';

const context = {
  invited: { comments: ['a', 'b', 'c', 'd'], other: ['x'] },
  responded: { comments: ['a', 'e'], other: [] },
  endorsements: { comments: ['b'] },
};

describe('reminder recipients', () => {
  it('reminds invited organisations that have neither responded nor endorsed in that stage', () => {
    expect(reminderRecipients(stageFacts(context, 'comments'), { organisationId: null })).toEqual(['c', 'd']);
  });

  it('leaves organisations with their own extension to their own schedule', () => {
    expect(reminderRecipients(stageFacts(context, 'comments'), { organisationId: null, excluded: ['d'] })).toEqual(['c']);
  });

  it("reminds only the organisation an extension belongs to, and only while it has not acted", () => {
    expect(reminderRecipients(stageFacts(context, 'comments'), { organisationId: 'd' })).toEqual(['d']);
    expect(reminderRecipients(stageFacts(context, 'comments'), { organisationId: 'a' })).toEqual([]);
  });

  it('uses the facts of the stage itself, not of another stage', () => {
    expect(reminderRecipients(stageFacts(context, 'other'), { organisationId: null })).toEqual(['x']);
    expect(reminderRecipients(stageFacts(context, 'unknown'), { organisationId: null })).toEqual([]);
    expect(reminderRecipients(stageFacts(undefined, 'comments'), { organisationId: null })).toEqual([]);
  });
});

describe('response rate and escalation', () => {
  it('counts invited organisations that acted; an uninvited response does not raise the rate', () => {
    const rate = responseRate(stageFacts(context, 'comments'));
    expect(rate).toEqual({ invited: 4, responded: 2, rate: 0.5, missing: ['c', 'd'] });
    expect(shouldEscalate(rate, 0.5)).toBe(false);
    expect(shouldEscalate(rate, 0.6)).toBe(true);
  });

  it('never escalates when nobody was invited', () => {
    const rate = responseRate(stageFacts(context, 'unknown'));
    expect(rate.rate).toBeUndefined();
    expect(shouldEscalate(rate, 1)).toBe(false);
  });
});
