import Redis from 'ioredis';
import { createApp } from '../../../src/bootstrap/create-app';
import { openContribution, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { isoIn, outboxRelayed, publishQuickRound, records, sleepUntil, waitFor } from './support/scheduling-helpers';

/**
 * Acceptance (issue 3): Redis loses everything while deadlines are pending; after a restart every
 * deadline still fires exactly once, the overdue ones marked late.
 *
 * Instead of FLUSHALL this deletes every key under the test's queue prefix: other test files share
 * the same Redis at the same time, and from the application's point of view (it only ever reads
 * its own prefix) the two are indistinguishable.
 */
describe('losing Redis with deadlines pending', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let participant: TestIdentity;
  let restarted: Awaited<ReturnType<typeof createApp>> | undefined;
  let redis: Redis;

  beforeAll(async () => {
    t = await setup({ workers: true, env: { RELAY_POLL_MS: '200' } });
    secretariat = await t.token('secretariat');
    participant = await t.token('participant', 'Administration of Kazakhstan');
    await publishQuickRound(t, secretariat);
    redis = new Redis(t.config.redisUrl);
  });

  afterAll(async () => {
    redis?.disconnect();
    await restarted?.close();
    await t?.db.end();
  });

  it('every deadline fires once after a restart; those that passed during the outage are marked late', async () => {
    const soon = isoIn(3000);
    const later = isoIn(7500);
    const ids: Record<'soon1' | 'soon2' | 'later1' | 'later2', string> = {} as never;
    for (const [key, dueAt] of [['soon1', soon], ['soon2', soon], ['later1', later], ['later2', later]] as const) {
      ({ id: ids[key] } = await openContribution(t, secretariat, { workflow: 'quick-round', title: key }));
      await send(t, secretariat, ids[key], { type: 'SHARE_DRAFT', payload: { deadline: dueAt } });
    }
    await send(t, secretariat, ids.later1, { type: 'INVITE', payload: { organisationIds: [participant.organisationId] } });
    await outboxRelayed(t);
    const keys = () => redis.keys(`${t.config.queuePrefix}:*`);
    expect((await keys()).some((key) => key.endsWith(':deadlines:delayed'))).toBe(true);

    // Redis loses everything while the engine is down.
    await t.app.close();
    const lost = await keys();
    if (lost.length) await redis.del(...lost);
    expect(await keys()).toEqual([]);
    await sleepUntil(Date.parse(soon) + 500);

    restarted = await createApp(t.config);
    await restarted.init();

    await waitFor(
      'every deadline to fire',
      async () => {
        const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM deadlines WHERE status = 'fired'`);
        return rows[0].n === 4;
      },
      20_000,
    );
    for (const id of Object.values(ids)) {
      const fired = (await records(t, id)).filter((record) => record.event_type === 'DEADLINE.comments');
      expect(fired).toHaveLength(1);
      expect(fired[0].kind).toBe('transition');
    }
    const { rows } = await t.db.query(`SELECT c.title, d.late FROM deadlines d JOIN contributions c ON c.id = d.contribution_id ORDER BY c.title`);
    expect(rows).toEqual([
      { title: 'later1', late: false },
      { title: 'later2', late: false },
      { title: 'soon1', late: true },
      { title: 'soon2', late: true },
    ]);
    const soonRecord = (await records(t, ids.soon1)).find((record) => record.event_type === 'DEADLINE.comments')!;
    expect(soonRecord.payload.late).toBe(true);

    // Reminders were re-created too: the invited organisation was reminded of the later deadline.
    const reminders = await t.db.query(`SELECT kind, status, outcome FROM reminders WHERE contribution_id = $1 AND kind = 'reminder' ORDER BY due_at`, [ids.later1]);
    expect(reminders.rows.map((row) => row.status)).toEqual(['sent', 'sent']);
    expect(reminders.rows[0].outcome.organisations).toEqual([participant.organisationId]);
  }, 40_000);
});
