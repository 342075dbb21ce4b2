import { randomUUID } from 'node:crypto';
import { openContribution, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { JobQueues } from '../../../src/queues/job-queues.service';
import { OutboxRelay } from '../../../src/scheduling/outbox-relay.service';
import { isoIn, publishQuickRound, waitFor } from './support/scheduling-helpers';

async function insertScheduledRows(t: TestApp, count: number): Promise<string[]> {
  const deadlineIds = Array.from({ length: count }, () => randomUUID());
  await t.db.query(
    `INSERT INTO outbox (topic, payload)
     SELECT 'deadline.scheduled', jsonb_build_object('deadlineId', id, 'contributionId', $2::text, 'stageId', 'comments', 'organisationId', NULL,
            'generation', 1, 'dueAt', $3::text, 'reminders', '[]'::jsonb)
       FROM unnest($1::uuid[]) AS id`,
    [deadlineIds, randomUUID(), isoIn(3_600_000)],
  );
  return deadlineIds;
}

/** The relay in a process that runs no workers of its own: the test drives it. */
describe('outbox relay', () => {
  let t: TestApp;
  let relay: OutboxRelay;
  let queues: JobQueues;

  beforeAll(async () => {
    t = await setup();
    relay = t.app.get(OutboxRelay);
    queues = t.app.get(JobQueues);
  });

  afterAll(async () => t?.close());

  afterEach(async () => {
    await t.db.query(`UPDATE outbox SET published_at = now() WHERE published_at IS NULL`);
    await queues.queueOf('deadline.fire').obliterate({ force: true });
  });

  it('several relays at once publish every row exactly once (FOR UPDATE SKIP LOCKED splits the batches)', async () => {
    const deadlineIds = await insertScheduledRows(t, 1200);
    const sizes = await Promise.all(Array.from({ length: 6 }, () => relay.relayBatch()));
    while ((await relay.relayBatch()) > 0);
    // Each concurrent claim took its own rows: no row was claimed twice.
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(1200);
    const { rows } = await t.db.query(`SELECT attempts, count(*)::int AS n FROM outbox WHERE topic = 'deadline.scheduled' GROUP BY attempts`);
    expect(rows).toEqual([{ attempts: 1, n: 1200 }]);
    expect(await queues.queueOf('deadline.fire').getDelayedCount()).toBe(1200);
    expect(await queues.missing(deadlineIds.map((id) => ({ name: 'deadline.fire', id: `deadline-${id}-g1`, data: {} as never })))).toEqual([]);
  });

  it('a crash between publishing and marking re-publishes the rows, and the job ids keep one job each', async () => {
    const deadlineIds = await insertScheduledRows(t, 50);
    const enqueue = queues.enqueue.bind(queues);
    const crashing = jest.spyOn(queues, 'enqueue').mockImplementationOnce(async (specs) => {
      await enqueue(specs);
      throw new Error('process died after publishing');
    });
    await expect(relay.relayBatch()).rejects.toThrow('process died after publishing');
    crashing.mockRestore();
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)).rows[0].n).toBe(50);
    expect(await queues.queueOf('deadline.fire').getDelayedCount()).toBe(50);

    expect(await relay.relayBatch()).toBe(50);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)).rows[0].n).toBe(0);
    expect(await queues.queueOf('deadline.fire').getDelayedCount()).toBe(50);
    const job = await queues.queueOf('deadline.fire').getJob(`deadline-${deadlineIds[0]}-g1`);
    expect(job?.data).toEqual(expect.objectContaining({ deadlineId: deadlineIds[0], generation: 1 }));
  });
});

describe('outbox relay in a worker process', () => {
  let t: TestApp;
  let secretariat: TestIdentity;

  beforeAll(async () => {
    // Polling once a minute: anything faster than that is the NOTIFY sent at commit.
    t = await setup({ workers: true, env: { RELAY_POLL_MS: '60000' } });
    secretariat = await t.token('secretariat');
    await publishQuickRound(t, secretariat);
  });

  afterAll(async () => t?.close());

  it('wakes at commit (LISTEN/NOTIFY) and has the deadline job in Redis within moments', async () => {
    const { id } = await openContribution(t, secretariat, { workflow: 'quick-round', title: 'Prompt' });
    const committed = Date.now();
    await send(t, secretariat, id, { type: 'SHARE_DRAFT', payload: { deadline: isoIn(3_600_000) } });
    const [{ id: deadlineId }] = (await t.db.query(`SELECT id FROM deadlines WHERE contribution_id = $1`, [id])).rows;
    const queues = t.app.get(JobQueues);
    await waitFor('the deadline job', async () => (await queues.state('deadline.fire', `deadline-${deadlineId}-g1`)) === 'delayed', 5000, 10);
    expect(Date.now() - committed).toBeLessThan(1000);
  });
});
