import { openContribution, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { isoIn, publishQuickRound, records, waitFor } from './support/scheduling-helpers';

const field = (ics: string, name: string) => new RegExp(`^${name}[^:]*:(.*)$`, 'm').exec(ics.replace(/\r\n[ \t]/g, ''))?.[1]?.trim();
const icsDate = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * An extension for one organisation: the general deadline passes as a recorded no-op, the others
 * keep the general date, that organisation is reminded on its own schedule and sees its own date
 * in its calendar (same event, higher SEQUENCE), and the stage closes when its deadline passes.
 */
describe("an organisation's own extension", () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let responded: TestIdentity;
  let extended: TestIdentity;
  let other: TestIdentity;
  let contributionId: string;
  let generalDue: string;
  let ownDue: string;

  beforeAll(async () => {
    t = await setup({ workers: true, env: { RELAY_POLL_MS: '200' } });
    secretariat = await t.token('secretariat');
    responded = await t.token('participant', 'Administration A');
    extended = await t.token('participant', 'Administration C');
    other = await t.token('participant', 'Administration D');
    await publishQuickRound(t, secretariat);
    ({ id: contributionId } = await openContribution(t, secretariat, { workflow: 'quick-round', title: 'Own extension' }));
    generalDue = isoIn(4500);
    ownDue = isoIn(8000);
    await send(t, secretariat, contributionId, { type: 'SHARE_DRAFT', payload: { deadline: generalDue } });
    await send(t, secretariat, contributionId, {
      type: 'INVITE',
      payload: { organisationIds: [responded.organisationId, extended.organisationId, other.organisationId] },
    });
    await send(t, responded, contributionId, { type: 'NO_COMMENT' });
    await send(t, secretariat, contributionId, {
      type: 'EXTEND_DEADLINE',
      payload: { dueAt: ownDue, organisationId: extended.organisationId },
      reason: 'national consultation still running',
    });
  }, 30_000);

  afterAll(async () => t?.close());

  it('moves only that organisation, in its calendar: same event, later date, higher SEQUENCE', async () => {
    const mine = (await t.http().get('/me/calendar.ics').set(extended.auth).expect(200)).text;
    const theirs = (await t.http().get('/me/calendar.ics').set(other.auth).expect(200)).text;
    expect(field(mine, 'UID')).toBe(field(theirs, 'UID'));
    expect([field(mine, 'SEQUENCE'), field(mine, 'DTSTART')]).toEqual(['2', icsDate(ownDue)]);
    expect([field(theirs, 'SEQUENCE'), field(theirs, 'DTSTART')]).toEqual(['1', icsDate(generalDue)]);
    const notice = await waitFor('the new date', async () => {
      const items = (await t.http().get('/me/notifications').set(extended.auth).expect(200)).body.items;
      return items.find((n: { kind: string }) => n.kind === 'deadline_extended');
    });
    expect(notice.body).toContain('has been extended for Administration C');
    const othersInbox = (await t.http().get('/me/notifications').set(other.auth).expect(200)).body.items;
    expect(othersInbox.map((n: { kind: string }) => n.kind)).not.toContain('deadline_extended');
  });

  it('records the general deadline as a no-op and closes the stage when the last deadline passes', async () => {
    const close = await waitFor(
      'the stage to close',
      async () => (await records(t, contributionId)).find((record) => record.event_type === 'DEADLINE.comments' && record.kind === 'transition'),
      15_000,
    );
    const firings = (await records(t, contributionId)).filter((record) => record.event_type === 'DEADLINE.comments');
    expect(firings.map((record) => record.kind)).toEqual(['noop', 'transition']);
    expect(firings[0].details.noop).toBe(`deadline passed, but 1 organisation has an extension; the stage closes at ${new Date(ownDue).toISOString()}`);
    expect(Date.parse(close.details.deadline.firedAt)).toBeGreaterThanOrEqual(Date.parse(ownDue));
    expect(close.to_stages).toEqual(['editorial']);
  });

  it('reminded the organisation with the extension on its own schedule, and the others on the general one', async () => {
    const { rows } = await t.db.query(
      `SELECT d.organisation_id IS NOT NULL AS own, r.kind, r.before_due, r.status, r.outcome
         FROM reminders r JOIN deadlines d ON d.id = r.deadline_id WHERE r.contribution_id = $1 ORDER BY own, r.due_at`,
      [contributionId],
    );
    const general = rows.find((row) => !row.own && row.kind === 'reminder' && row.before_due === 'PT2S');
    const own = rows.filter((row) => row.own);
    expect(general.status).toBe('sent');
    expect(general.outcome.organisations).toEqual([other.organisationId]);
    // No escalation on an organisation's own deadline: one organisation has no response rate.
    expect(own.map((row) => [row.kind, row.before_due, row.status])).toEqual([
      ['reminder', 'PT4S', 'sent'],
      ['reminder', 'PT2S', 'sent'],
    ]);
    expect(own.map((row) => row.outcome.organisations)).toEqual([[extended.organisationId], [extended.organisationId]]);
  });
});
