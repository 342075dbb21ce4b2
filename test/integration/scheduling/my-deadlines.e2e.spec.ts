import { openContribution, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { isoIn, waitFor } from './support/scheduling-helpers';

/** GET /me/deadlines: what is due for the person's organisation, as the calendar feed has it, in JSON. */
describe('GET /me/deadlines', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;
  let invited: TestIdentity;
  let extended: TestIdentity;
  let outsider: TestIdentity;
  let round: string;
  let closed: string;

  beforeAll(async () => {
    // Workers run, so a deadline seconds away really passes.
    t = await setup({ workers: true, env: { RELAY_POLL_MS: '200' } });
    secretariat = await t.token('secretariat');
    auditor = await t.token('auditor');
    invited = await t.token('participant', 'Administration A');
    extended = await t.token('participant', 'Administration B');
    outsider = await t.token('participant', 'Administration C');
    ({ id: round } = await openContribution(t, secretariat, { workflow: 'rcc-declaration', symbol: 'RCC/1', title: 'Open round' }));
    await send(t, secretariat, round, { type: 'SHARE_DRAFT', payload: { deadline: '2099-01-31' } });
    await send(t, secretariat, round, { type: 'INVITE', payload: { organisationIds: [invited.organisationId, extended.organisationId] } });
    await send(t, secretariat, round, { type: 'EXTEND_DEADLINE', payload: { dueAt: '2099-03-14', organisationId: extended.organisationId }, reason: 'asked for more time' });
    ({ id: closed } = await openContribution(t, secretariat, { workflow: 'rcc-declaration', symbol: 'RCC/2', title: 'Closed round' }));
    await send(t, secretariat, closed, { type: 'SHARE_DRAFT', payload: { deadline: '2099-02-28' } });
    await send(t, secretariat, closed, { type: 'INVITE', payload: { organisationIds: [invited.organisationId] } });
  });

  afterAll(async () => t?.close());

  const list = async (who: TestIdentity, query = '') => (await t.http().get(`/me/deadlines${query}`).set(who.auth).expect(200)).body;

  it('lists the deadlines of the stages the organisation is invited to, soonest first, in their own zone', async () => {
    const body = await list(invited);
    expect(body.organisation).toEqual({ id: invited.organisationId, name: 'Administration A' });
    expect(body.items).toEqual([
      {
        id: expect.any(String),
        contribution: { id: round, symbol: 'RCC/1', title: 'Open round' },
        stage: { id: 'proposals', title: 'Proposals from Communications Administrations' },
        dueAt: '2099-01-31T20:59:59.999Z',
        timeZone: 'Europe/Moscow',
        dueLocal: '2099-01-31T23:59:59.999+03:00',
        status: 'pending',
        forOrganisation: null,
        acted: false,
      },
      expect.objectContaining({ contribution: expect.objectContaining({ id: closed }), dueAt: '2099-02-28T20:59:59.999Z', acted: false }),
    ]);
  });

  it("moves the date to the organisation's own extension, for that organisation only", async () => {
    const [own] = (await list(extended)).items;
    expect(own).toEqual(expect.objectContaining({ dueAt: '2099-03-14T20:59:59.999Z', dueLocal: '2099-03-14T23:59:59.999+03:00', forOrganisation: 'Administration B' }));
    expect((await list(invited)).items[0]).toEqual(expect.objectContaining({ dueAt: '2099-01-31T20:59:59.999Z', forOrganisation: null }));
    expect((await list(outsider)).items).toEqual([]);
  });

  it('says when the organisation has acted, and drops a deadline the stage no longer has', async () => {
    await send(t, invited, round, { type: 'NO_COMMENT' });
    await send(t, secretariat, closed, { type: 'CLOSE_ROUND' });
    const { items } = await list(invited);
    expect(items.map((item: { contribution: { id: string }; acted: boolean }) => [item.contribution.id, item.acted])).toEqual([[round, true]]);
    expect((await list(invited, '?status=all')).items).toHaveLength(1);
  });

  it('gives a secretariat or an auditor every deadline, an organisation extension as its own line', async () => {
    for (const who of [secretariat, auditor]) {
      const body = await list(who);
      expect(body.organisation).toBeNull();
      expect(body.items.map((item: { contribution: { id: string }; forOrganisation: string | null; acted: boolean | null }) => [item.contribution.id, item.forOrganisation, item.acted])).toEqual([
        [round, null, null],
        [round, 'Administration B', null],
      ]);
    }
  });

  it('lists a deadline that has passed only with ?status=all', async () => {
    const { id } = await openContribution(t, secretariat, { workflow: 'rcc-declaration', symbol: 'RCC/3', title: 'Short round' });
    await send(t, secretariat, id, { type: 'SHARE_DRAFT', payload: { deadline: isoIn(1000) } });
    await send(t, secretariat, id, { type: 'INVITE', payload: { organisationIds: [outsider.organisationId] } });
    expect((await list(outsider)).items.map((item: { status: string }) => item.status)).toEqual(['pending']);
    await waitFor('the deadline to pass', async () => (await list(outsider, '?status=all')).items[0]?.status === 'passed');
    expect((await list(outsider)).items).toEqual([]);
    expect((await list(outsider, '?status=all')).items).toEqual([expect.objectContaining({ contribution: expect.objectContaining({ id }), status: 'passed', acted: false })]);
  });

  it('refuses a bad query with 400 and no token with 401', async () => {
    const bad = await t.http().get('/me/deadlines?status=overdue').set(invited.auth).expect(400);
    expect(bad.body.errors).toEqual([{ path: 'status', message: 'status must be pending or all' }]);
    const unknown = await t.http().get('/me/deadlines?colour=red').set(invited.auth).expect(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['colour']);
    await t.http().get('/me/deadlines?status=pending&status=all').set(invited.auth).expect(400);
    await t.http().get('/me/deadlines').expect(401);
  });
});
