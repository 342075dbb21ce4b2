import 'reflect-metadata';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../src/auth/actor';
import { createApp } from '../src/bootstrap/create-app';
import { AppConfig } from '../src/config/app-config';
import { TransitionService } from '../src/contributions/transition.service';
import { WorkflowsService } from '../src/workflows/workflows.service';
import { BENCH_REDIS_URL, createBenchDatabase, dropBenchDatabase } from './lib/bench-database';
import { BenchRow, percentile, renderTable } from './lib/results-table';

const COUNT = Number(process.env.BENCH_DEADLINES ?? 10_000);
const SPREAD_MS = 10_000;
/** Contributions are opened this many at a time before their deadlines come. */
const OPENERS = 16;

const WORKFLOW = `
id: bench-deadline
name: Deadline lateness benchmark
stages:
  - id: open
    deadline: { fromEvent: true }
    onDeadline: closed
  - id: closed
    kind: final
`;

interface Lateness {
  /** Per deadline, from its due instant to the commit of its transition (ms). */
  samples: number[];
  /** From the (first) due instant to the last commit (ms). */
  lastMs: number;
}

/**
 * Part 2 of `npm run bench`: 10,000 deadlines due at the same second and 10,000 spread over 10 s,
 * each going through the whole engine (outbox relay → BullMQ delayed job → DEADLINE event through
 * the transition path, committed), from due instant to committed transition; next to bare BullMQ
 * delayed jobs with an empty handler on the same Redis.
 *
 * Run alone: node -r @swc-node/register bench/deadline-lateness.ts
 */
export async function measureDeadlineLateness(log: (line: string) => void): Promise<BenchRow[]> {
  const engine = await measureEngine(log);
  const reference = await measureBareBullmq(log);
  const row = (metric: string, mine: number, theirs: number, target?: BenchRow['target']): BenchRow => ({
    metric,
    engine: mine,
    reference: theirs,
    referenceLabel: 'bare BullMQ delayed jobs, empty handler',
    unit: 'ms',
    higherIsBetter: false,
    target,
  });
  return [
    row(`deadline burst: ${COUNT} due at one instant, all committed after`, engine.burst.lastMs, reference.burst.lastMs, { absolute: 5000, description: '≤ 5000 ms' }),
    row('deadline burst lateness p50', percentile(engine.burst.samples, 50), percentile(reference.burst.samples, 50)),
    row('deadline burst lateness p99', percentile(engine.burst.samples, 99), percentile(reference.burst.samples, 99)),
    row(`deadlines spread over ${SPREAD_MS / 1000} s: lateness p50`, percentile(engine.spread.samples, 50), percentile(reference.spread.samples, 50)),
    row(`deadlines spread over ${SPREAD_MS / 1000} s: lateness p99`, percentile(engine.spread.samples, 99), percentile(reference.spread.samples, 99), {
      absolute: 250,
      description: '≤ 250 ms',
    }),
  ];
}

async function measureEngine(log: (line: string) => void): Promise<{ burst: Lateness; spread: Lateness }> {
  const name = `ce_bench_deadlines_${process.pid}`;
  const databaseUrl = await createBenchDatabase(name);
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: BENCH_REDIS_URL,
    QUEUE_PREFIX: `bench-deadlines-${process.pid}`,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    PORT: '0',
    RECONCILE_INTERVAL_MS: '3600000',
    ...pick(process.env, ['DB_POOL_SIZE', 'DEADLINE_CONCURRENCY', 'DEADLINE_BATCH_SIZE', 'DEADLINE_BATCH_WAIT_MS', 'RELAY_BATCH_SIZE']),
  };
  // This process opens the contributions (API role); the deadlines fire in worker processes, as in production.
  const app = await createApp(AppConfig.fromEnv({ ...env, ROLE: 'api' }));
  await app.init();
  const listener = new Client({ connectionString: databaseUrl });
  const workers: WorkerProcess[] = [];
  try {
    await app.get(WorkflowsService).register(WORKFLOW);
    const transitions = app.get(TransitionService);
    const secretariat = { ...SYSTEM_ACTOR, role: 'secretariat' as const, name: 'Bench secretariat' };

    // Commit times, wherever the transition ran: NOTIFY is delivered when the transaction commits.
    const committedAt = new Map<string, number>();
    await listener.connect();
    await listener.query(`
      CREATE FUNCTION bench_deadline_committed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('bench_deadline_committed', NEW.contribution_id::text); RETURN NULL; END $$;
      CREATE TRIGGER bench_deadline_committed AFTER INSERT ON transition_records FOR EACH ROW
        WHEN (NEW.kind = 'transition' AND NEW.event_type LIKE 'DEADLINE.%') EXECUTE FUNCTION bench_deadline_committed()`);
    listener.on('notification', (message) => committedAt.set(message.payload!, Date.now()));
    await listener.query('LISTEN bench_deadline_committed');

    const count = Number(process.env.BENCH_WORKERS ?? 1);
    workers.push(...(await Promise.all(Array.from({ length: count }, () => startWorkerProcess({ ...env, ROLE: 'worker' })))));
    log(`${count} worker processes started (BENCH_WORKERS)`);

    const dueOf = new Map<string, number>();
    const open = async (dueTimes: number[]) => {
      const started = Date.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: OPENERS }, async () => {
          while (next < dueTimes.length) {
            const dueAt = dueTimes[next++];
            const { contribution } = await transitions.create({ workflow: 'bench-deadline', title: 'bench', deadline: new Date(dueAt).toISOString() }, secretariat);
            dueOf.set(contribution.id, dueAt);
          }
        }),
      );
      return Date.now() - started;
    };
    const collect = async (ids: string[], firstDue: number, lastDue: number): Promise<Lateness> => {
      const until = lastDue + 120_000;
      while (ids.some((id) => !committedAt.has(id)) && Date.now() < until) await sleep(100);
      const missing = ids.filter((id) => !committedAt.has(id)).length;
      if (missing > 0) throw new Error(`${missing} deadlines had not fired 120 s after they were due`);
      const samples = ids.map((id) => committedAt.get(id)! - dueOf.get(id)!).sort((a, b) => a - b);
      return { samples, lastMs: Math.max(...ids.map((id) => committedAt.get(id)!)) - firstDue };
    };

    // Opening 20,000 contributions takes a while: measure the pace on a first slice, then aim the burst after the rest.
    const probeMs = await open(Array.from({ length: 500 }, () => Date.now() + 3_600_000));
    const leadMs = Math.ceil(((COUNT * 2) / 500) * probeMs * 1.3) + 5000;
    log(`opening ${COUNT} + ${COUNT} contributions (about ${(leadMs / 1000).toFixed(0)} s)`);
    const burstDue = Date.now() + leadMs;
    const spreadStart = burstDue + 30_000;
    const before = new Set(dueOf.keys());
    await open(Array.from({ length: COUNT }, () => burstDue));
    const burstIds = [...dueOf.keys()].filter((id) => !before.has(id));
    const beforeSpread = new Set(dueOf.keys());
    await open(Array.from({ length: COUNT }, (_, i) => spreadStart + Math.floor((i * SPREAD_MS) / COUNT)));
    const spreadIds = [...dueOf.keys()].filter((id) => !beforeSpread.has(id));
    if (Date.now() > burstDue - 1000) throw new Error('opening the contributions took longer than planned; lower BENCH_DEADLINES or retry on a quieter machine');
    log(`all opened ${((burstDue - Date.now()) / 1000).toFixed(1)} s before the burst is due`);

    const burst = await collect(burstIds, burstDue, burstDue);
    log(`burst: last of ${COUNT} committed ${burst.lastMs} ms after due; p50 ${percentile(burst.samples, 50)} ms, p99 ${percentile(burst.samples, 99)} ms`);
    if (Date.now() > spreadStart - 1000) log('warning: the burst was still being committed when the spread began');
    const spread = await collect(spreadIds, spreadStart, spreadStart + SPREAD_MS);
    log(`spread: p50 ${percentile(spread.samples, 50)} ms, p99 ${percentile(spread.samples, 99)} ms, max ${spread.samples.at(-1)} ms`);

    const [{ records, noops }] = await app.get(DataSource).query(
      `SELECT count(*) FILTER (WHERE kind = 'transition')::int AS records, count(*) FILTER (WHERE kind = 'noop')::int AS noops
         FROM transition_records WHERE event_type LIKE 'DEADLINE.%'`,
    );
    if (records !== COUNT * 2 || noops !== 0) throw new Error(`expected ${COUNT * 2} deadline transitions and no no-op, found ${records} and ${noops}`);
    return { burst, spread };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await listener.end().catch(() => undefined);
    await app.close();
    await dropBenchDatabase(name);
    await dropRedisPrefix(env.QUEUE_PREFIX);
  }
}

interface WorkerProcess {
  stop: () => Promise<void>;
}

/** The application entry in its own process (compiled on the fly, like this script), ROLE=worker. */
async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  // BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the worker, where the time goes.
  const nodeArgs = process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', join(__dirname, '../src/main.ts')], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, ...env, DEMO: 'false' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const until = Date.now() + 60_000;
  while (!/worker started/.test(stderr)) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`worker did not start: ${stderr}`);
    await sleep(50);
  }
  return {
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** The same two loads on bare BullMQ: delayed jobs with an empty handler, timed when the handler runs. */
async function measureBareBullmq(log: (line: string) => void): Promise<{ burst: Lateness; spread: Lateness }> {
  const prefix = `bench-bare-${process.pid}`;
  const connection = { url: BENCH_REDIS_URL, maxRetriesPerRequest: null };
  const queue = new Queue('bare', { connection, prefix });
  const ranAt = new Map<string, number>();
  const worker = new Worker('bare', async (job) => void ranAt.set(job.id!, Date.now()), { connection, prefix, concurrency: 50 });
  try {
    const run = async (label: string, dueTimes: number[]): Promise<Lateness> => {
      const ids = dueTimes.map((_, i) => `${label}-${i}`);
      for (let i = 0; i < dueTimes.length; i += 1000) {
        const now = Date.now();
        await queue.addBulk(dueTimes.slice(i, i + 1000).map((due, j) => ({ name: 'bare', data: {}, opts: { jobId: ids[i + j], delay: due - now, removeOnComplete: true } })));
      }
      while (ids.some((id) => !ranAt.has(id))) await sleep(50);
      const samples = ids.map((id, i) => ranAt.get(id)! - dueTimes[i]).sort((a, b) => a - b);
      return { samples, lastMs: Math.max(...ids.map((id) => ranAt.get(id)!)) - Math.min(...dueTimes) };
    };
    const burstDue = Date.now() + 5000;
    const burst = await run('burst', Array.from({ length: COUNT }, () => burstDue));
    const spreadStart = Date.now() + 3000;
    const spread = await run('spread', Array.from({ length: COUNT }, (_, i) => spreadStart + Math.floor((i * SPREAD_MS) / COUNT)));
    log(`bare BullMQ: burst done ${burst.lastMs} ms after due; spread p99 ${percentile(spread.samples, 99)} ms`);
    return { burst, spread };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(BENCH_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function pick(env: NodeJS.ProcessEnv, names: string[]): Record<string, string> {
  return Object.fromEntries(names.filter((n) => env[n]).map((n) => [n, env[n]!]));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (require.main === module) {
  measureDeadlineLateness((line) => process.stderr.write(`${line}\n`)).then(
    (rows) => {
      process.stdout.write(`\n${renderTable(rows)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
