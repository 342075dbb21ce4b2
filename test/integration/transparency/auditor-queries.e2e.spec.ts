import { SYSTEM_ACTOR } from '../../../src/auth/actor';
import { TransitionService } from '../../../src/contributions/transition.service';
import { openContribution, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';

describe('auditor queries over the trail', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;
  let belarus: TestIdentity;
  let kyrgyzstan: TestIdentity;
  let round: string;
  let quiet: string;

  /** What the deadline job does when it runs: the engine sends DEADLINE.<stage> as the system. */
  const fire = async (contributionId: string, stage: string, late = false) => {
    const { rows } = await t.db.query(`SELECT id, generation FROM deadlines WHERE contribution_id = $1 AND stage_id = $2 ORDER BY created_at LIMIT 1`, [contributionId, stage]);
    await t.app.get(TransitionService).apply(
      contributionId,
      { type: `DEADLINE.${stage}`, payload: { deadlineId: rows[0].id, generation: 1, ...(late ? { late: true } : {}) } },
      SYSTEM_ACTOR,
      { noopIfNotAccepted: true },
    );
  };

  beforeAll(async () => {
    t = await setup({ env: { BACKDATE_ALERT_HOURS: '48' } });
    secretariat = await t.token('secretariat');
    auditor = await t.token('auditor');
    belarus = await t.token('participant', 'Administration of Belarus');
    kyrgyzstan = await t.token('participant', 'Administration of Kyrgyzstan');

    // A round recorded after the fact (back-dated), whose deadline long passed and fires late.
    ({ id: round } = await openContribution(t, secretariat, { workflow: 'rcc-declaration', title: 'Recorded afterwards', occurredAt: '2024-12-04T09:00:00+03:00' }));
    await send(t, secretariat, round, { type: 'SHARE_DRAFT', occurredAt: '2024-12-20T10:00:00+03:00', payload: { deadline: '2025-01-13' } });
    await send(t, secretariat, round, { type: 'COMMENT', occurredAt: '2025-01-10T12:00:00+03:00', payload: { organisationId: kyrgyzstan.organisationId, text: 'received by e-mail' } });
    await fire(round, 'proposals', true);
    await fire(round, 'proposals');

    // A round extended while open: the job for the old date becomes a no-op.
    ({ id: quiet } = await openContribution(t, secretariat, { workflow: 'rcc-declaration', title: 'Extended' }));
    await send(t, secretariat, quiet, { type: 'SHARE_DRAFT', payload: { deadline: '2098-01-13' } });
    // A participant's comment is sent today: into the round still open (the back-dated round's deadline has passed, so it would be refused there).
    await send(t, belarus, quiet, { type: 'COMMENT', payload: { text: 'sent today' } });
    await send(t, secretariat, quiet, { type: 'EXTEND_DEADLINE', payload: { dueAt: '2099-03-14' }, reason: 'following several requests received from stakeholders' });
    const { rows } = await t.db.query(`SELECT id FROM deadlines WHERE contribution_id = $1`, [quiet]);
    await t.app.get(TransitionService).apply(quiet, { type: 'DEADLINE.proposals', payload: { deadlineId: rows[0].id, generation: 1 } }, SYSTEM_ACTOR, { noopIfNotAccepted: true });
  });

  afterAll(async () => t.close());

  const get = (path: string, query: Record<string, string | number> = {}) => t.http().get(path).query(query).set(auditor.auth);
  const events = (body: { items: Array<{ eventType: string; seq: number }> }) => body.items.map((item) => `${item.eventType}#${item.seq}`);

  it('filters transitions by contribution, organisation, actor, stage, event type and kind', async () => {
    expect(events((await get('/audit/transitions', { contributionId: round }).expect(200)).body)).toEqual([
      'CREATE#1',
      'SHARE_DRAFT#2',
      'COMMENT#3',
      'DEADLINE.proposals#4',
      'DEADLINE.proposals#5',
    ]);
    expect(events((await get('/audit/transitions', { organisationId: kyrgyzstan.organisationId! }).expect(200)).body)).toEqual(['COMMENT#3']);
    expect(events((await get('/audit/transitions', { actorId: belarus.personId }).expect(200)).body)).toEqual(['COMMENT#3']);
    expect(events((await get('/audit/transitions', { contributionId: round, stage: 'wg-decision' }).expect(200)).body)).toEqual(['DEADLINE.proposals#4', 'DEADLINE.proposals#5']);
    expect(events((await get('/audit/transitions', { eventType: 'DEADLINE.*' }).expect(200)).body)).toEqual(['DEADLINE.proposals#4', 'DEADLINE.proposals#5', 'DEADLINE.proposals#5']);
    expect(events((await get('/audit/transitions', { eventType: 'EXTEND_DEADLINE' }).expect(200)).body)).toEqual(['EXTEND_DEADLINE#4']);
    expect(events((await get('/audit/transitions', { kind: 'noop' }).expect(200)).body)).toEqual(['DEADLINE.proposals#5', 'DEADLINE.proposals#5']);
    expect(events((await get('/audit/transitions', { actorRole: 'system', contributionId: quiet }).expect(200)).body)).toEqual(['DEADLINE.proposals#5']);
  });

  it('filters by a range of business time or of recording time', async () => {
    const inDecember = await get('/audit/transitions', { from: '2024-12-01', to: '2025-01-01' }).expect(200);
    expect(events(inDecember.body)).toEqual(['CREATE#1', 'SHARE_DRAFT#2']);
    const recordedToday = await get('/audit/transitions', { contributionId: round, from: new Date(Date.now() - 3_600_000).toISOString(), dateField: 'recordedAt' }).expect(200);
    expect(recordedToday.body.items).toHaveLength(5);
    await get('/audit/transitions', { from: '2025-02-01', to: '2025-01-01' }).expect(400);
  });

  it('pages with a cursor', async () => {
    const first = await get('/audit/transitions', { limit: 4 }).expect(200);
    expect(first.body.items).toHaveLength(4);
    expect(first.body.next).toBe(first.body.items[3].id);
    const second = await get('/audit/transitions', { limit: 4, after: first.body.next }).expect(200);
    const rest = await get('/audit/transitions', { limit: 1000, after: second.body.next }).expect(200);
    const all = await get('/audit/transitions', { limit: 1000 }).expect(200);
    expect([...first.body.items, ...second.body.items, ...rest.body.items].map((item: { id: string }) => item.id)).toEqual(all.body.items.map((item: { id: string }) => item.id));
    expect(rest.body.next).toBeNull();
  });

  it('lists records back-dated beyond the configured threshold, or a threshold given', async () => {
    const flagged = await get('/audit/backdated').expect(200);
    expect(events(flagged.body)).toEqual(['CREATE#1', 'SHARE_DRAFT#2', 'COMMENT#3']);
    expect(flagged.body.items[0].backdatedByHours).toBeGreaterThan(48);
    expect(events((await get('/audit/backdated', { hours: 1_000_000 }).expect(200)).body)).toEqual([]);
  });

  it('lists deadline firings that came late, and those that were no-ops', async () => {
    const late = await get('/audit/late-deadlines').expect(200);
    expect(late.body.items).toEqual([expect.objectContaining({ contributionId: round, eventType: 'DEADLINE.proposals', kind: 'transition', markedLate: true })]);
    expect(late.body.items[0].lateByMs).toBeGreaterThan(300 * 24 * 3_600_000);
    const noops = await get('/audit/deadline-noops').expect(200);
    expect(noops.body.items.map((item: { contributionId: string; noop: string }) => [item.contributionId, item.noop])).toEqual([
      [round, 'DEADLINE.proposals no longer applies: current stages are wg-decision'],
      [quiet, expect.stringContaining('superseded by generation 2')],
    ]);
  });

  it('lists extensions with the old and new due dates and the reason', async () => {
    const extensions = await get('/audit/extensions').expect(200);
    expect(extensions.body.items).toEqual([
      expect.objectContaining({
        contributionId: quiet,
        reason: 'following several requests received from stakeholders',
        extension: expect.objectContaining({ stage: 'proposals', oldDueAt: '2098-01-13T20:59:59.999Z', newDueAt: '2099-03-14T20:59:59.999Z' }),
      }),
    ]);
  });

  it('is for auditors and the secretariat only, and refuses what it does not understand', async () => {
    await t.http().get('/audit/transitions').set(belarus.auth).expect(403);
    await t.http().get('/audit/transitions').expect(401);
    await t.http().get('/audit/transitions').set(secretariat.auth).expect(200);
    const unknown = await get('/audit/transitions', { colour: 'blue' }).expect(400);
    expect(unknown.body.message).toContain('unknown field "colour"');
    await get('/audit/transitions', { limit: 0 }).expect(400);
    await get('/audit/transitions', { eventType: 'drop table' }).expect(400);
    await get('/audit/transitions', { after: 'abc' }).expect(400);
    await get('/audit/backdated', { hours: -1 }).expect(400);
  });
});
