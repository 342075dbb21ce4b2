import { Client } from 'pg';
import { openContribution, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { JobQueues } from '../../../src/queues/job-queues.service';
import { isoIn, outboxRelayed, publishQuickRound, records, waitFor } from './support/scheduling-helpers';
import { startWorker, WorkerProcess } from './support/worker-process';

/**
 * Acceptance (issue 3): two worker processes, and the one running a deadline job is killed
 * (SIGKILL) in the middle of it: the other one finishes the job and there is exactly one transition.
 */
describe('a worker killed in the middle of a deadline job', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  const workers: WorkerProcess[] = [];
  let blocker: Client;

  beforeAll(async () => {
    t = await setup(); // this process serves the API only; the jobs run in the two children
    secretariat = await t.token('secretariat');
    await publishQuickRound(t, secretariat);
    // A short lock so a dead worker's job is taken over within seconds rather than the default 30 s.
    workers.push(...(await Promise.all([startWorker(t.config, { JOB_LOCK_MS: '1500' }), startWorker(t.config, { JOB_LOCK_MS: '1500' })])));
    blocker = new Client({ connectionString: t.config.databaseUrl });
    await blocker.connect();
  }, 60_000);

  afterAll(async () => {
    await blocker?.end();
    await Promise.all(workers.map((worker) => worker.kill('SIGTERM')));
    await t?.close();
  });

  it('is finished by the other worker: one transition, no second record', async () => {
    const dueAt = isoIn(2500);
    const { id } = await openContribution(t, secretariat, { workflow: 'quick-round', title: 'Crash test' });
    await send(t, secretariat, id, { type: 'SHARE_DRAFT', payload: { deadline: dueAt } });
    await outboxRelayed(t);
    const [{ id: deadlineId }] = (await t.db.query(`SELECT id FROM deadlines WHERE contribution_id = $1`, [id])).rows;
    const jobId = `deadline-${deadlineId}-g1`;
    const queue = t.app.get(JobQueues).queueOf('deadline.fire');

    // Hold the contribution's row lock so the deadline job, once started, waits inside its transaction.
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM contributions WHERE id = $1 FOR UPDATE', [id]);
    const victimName = await waitFor('a worker to start the deadline job', async () => {
      const job = await queue.getJob(jobId);
      return job && (await job.getState()) === 'active' ? job.processedBy : undefined;
    });
    const victim = workers.find((worker) => worker.name === victimName)!;
    const survivor = workers.find((worker) => worker !== victim)!;
    expect(victim).toBeDefined();
    // It is inside the transition: its transaction waits for the row lock.
    await waitFor('the job to wait on the row lock', async () => {
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      return rows[0].n >= 1;
    });

    await victim.kill('SIGKILL');
    expect(victim.child.signalCode).toBe('SIGKILL');
    await blocker.query('ROLLBACK');

    await waitFor('the surviving worker to finish the job', async () => (await records(t, id)).some((record) => record.event_type === 'DEADLINE.comments'), 20_000);
    const job = await waitFor('the job to complete', async () => {
      const found = await queue.getJob(jobId);
      return found && (await found.getState()) === 'completed' ? found : undefined;
    });
    expect(job.processedBy).toBe(survivor.name);
    expect(job.returnvalue).toEqual(expect.objectContaining({ status: 'done', kind: 'transition' }));

    const trail = await records(t, id);
    expect(trail.filter((record) => record.event_type === 'DEADLINE.comments')).toHaveLength(1);
    expect(trail.filter((record) => record.from_stages.includes('comments') && !record.to_stages.includes('comments'))).toHaveLength(1);
    expect(trail.at(-1)).toEqual(expect.objectContaining({ kind: 'transition', event_type: 'DEADLINE.comments', to_stages: ['editorial'] }));
    const { rows } = await t.db.query(`SELECT status, generation FROM deadlines WHERE id = $1`, [deadlineId]);
    expect(rows).toEqual([{ status: 'fired', generation: 1 }]);
    expect(survivor.output()).toContain('passed: comments → editorial');
  }, 60_000);
});
