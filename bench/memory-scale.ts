import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { SYSTEM_ACTOR } from '../src/auth/actor';
import { createApp } from '../src/bootstrap/create-app';
import { AppConfig } from '../src/config/app-config';
import { TransitionService } from '../src/contributions/transition.service';
import { WorkflowsService } from '../src/workflows/workflows.service';
import { AppProcess, startApp } from './lib/app-process';
import { collectGarbage, INSPECTABLE } from './lib/inspector-gc';
import { BENCH_REDIS_URL, createBenchDatabase, dropBenchDatabase } from './lib/bench-database';
import { BenchRow } from './lib/results-table';

const SMALL = 1_000;
const LARGE = Number(process.env.BENCH_CONTRIBUTIONS ?? 100_000);

const WORKFLOW = `
id: bench-open-round
name: Open rounds with far deadlines
stages:
  - id: round
    kind: comment_round
    deadline: { fromEvent: true }
    reminders: [P1D]
    next: closed
  - id: closed
    kind: final
`;

/**
 * Part 3: RSS of the app (API and worker in one process) holding 1,000 and then 100,000 active
 * contributions with pending deadlines, and the time its reconciler takes to re-create every
 * job after the Redis keys are lost; next to bare BullMQ adding as many delayed jobs.
 */
export async function measureMemoryAndScale(log: (line: string) => void): Promise<BenchRow[]> {
  const name = `ce_bench_scale_${process.pid}`;
  const databaseUrl = await createBenchDatabase(name);
  const prefix = `bench-scale-${process.pid}`;
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: BENCH_REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn', DEMO: 'false' };
  let app: AppProcess | undefined;
  try {
    const setup = await createApp(AppConfig.fromEnv({ ...env, ROLE: 'api', LOG_LEVEL: 'silent' }));
    await setup.init();
    try {
      await setup.get(WorkflowsService).register(WORKFLOW);
      const transitions = setup.get(TransitionService);
      const secretariat = { ...SYSTEM_ACTOR, role: 'secretariat' as const, name: 'Bench secretariat' };
      const due = new Date(Date.now() + 30 * 86_400_000).toISOString();
      for (let i = 0; i < SMALL; i++) await transitions.create({ workflow: 'bench-open-round', title: `round ${i}`, deadline: due }, secretariat);
    } finally {
      await setup.close();
    }
    log(`${SMALL} contributions opened through the service`);

    app = await startApp({ ...env, ROLE: 'all' }, '/health', INSPECTABLE);
    await waitForJobs(prefix, SMALL * 2);
    const small = await settledMemory(app);
    await app.stop();
    app = undefined;
    log(`RSS with ${SMALL} active contributions: ${small.settled.toFixed(1)} MiB settled, ${small.retained.toFixed(1)} MiB after a full GC`);

    await cloneContributions(databaseUrl, LARGE / SMALL - 1);
    log(`cloned to ${LARGE} active contributions, each with a pending deadline and reminder`);
    await dropRedisPrefix(prefix);
    log('Redis keys of this app deleted (as after a FLUSHALL)');

    app = await startApp({ ...env, ROLE: 'all' }, '/health', INSPECTABLE);
    const rebuilt = await app.waitForLog(/re-created jobs missing from Redis/, 180_000);
    const rebuildMs = rebuilt.at - app.startedAt;
    const recreated = Number(/(\d+) deadline\(s\)/.exec(rebuilt.line)?.[1] ?? 0);
    log(`reconciler: ${rebuilt.line.replace(/.*re-created/, 're-created').slice(0, 160)} — ${rebuildMs} ms after the process started`);
    if (recreated < LARGE - SMALL) throw new Error(`expected about ${LARGE} deadlines re-created, the log says ${recreated}`);
    await waitForJobs(prefix, LARGE * 2);
    const large = await settledMemory(app);
    log(`RSS with ${LARGE} active contributions: ${large.settled.toFixed(1)} MiB settled, ${large.retained.toFixed(1)} MiB after a full GC`);
    await app.stop();
    app = undefined;

    const bareMs = await bareBullmqAdd(LARGE);
    log(`bare BullMQ: ${LARGE} delayed jobs added in ${bareMs} ms`);
    return [
      {
        metric: `RSS after a full GC, ${LARGE} active contributions (vs ${SMALL})`,
        engine: large.retained,
        reference: small.retained,
        referenceLabel: `same app, ${SMALL} contributions`,
        unit: 'MiB',
        higherIsBetter: false,
        target: { absolute: small.retained + 50, description: `growth ≤ 50 MiB (≤ ${(small.retained + 50).toFixed(0)})` },
      },
      {
        metric: `RSS as it settles (no forced GC), ${LARGE} active contributions (vs ${SMALL})`,
        engine: large.settled,
        reference: small.settled,
        referenceLabel: `same app, ${SMALL} contributions`,
        unit: 'MiB',
        higherIsBetter: false,
      },
      {
        metric: `reconciler: re-create ${LARGE} deadline jobs after Redis loss`,
        engine: rebuildMs,
        reference: bareMs,
        referenceLabel: `bare BullMQ addBulk of ${LARGE} delayed jobs`,
        unit: 'ms',
        higherIsBetter: false,
        target: { absolute: 30_000, description: '≤ 30000 ms' },
      },
    ];
  } finally {
    await app?.stop();
    await dropRedisPrefix(prefix);
    await dropBenchDatabase(name);
  }
}

/** RSS as the process settles by itself, then after a forced full collection (what it retains). */
async function settledMemory(app: AppProcess): Promise<{ settled: number; retained: number }> {
  const settled = await steadyRss(app);
  await collectGarbage(app);
  await sleep(2000);
  return { settled, retained: app.rssMb() };
}

/**
 * RSS once the process has settled. V8 keeps garbage until a major collection, which an idle
 * process gets within seconds to tens of seconds: read every second until eight readings in a
 * row agree within 2 MiB (at most 90 s), and report their median.
 */
async function steadyRss(app: AppProcess): Promise<number> {
  const readings: number[] = [];
  const started = Date.now();
  for (;;) {
    await sleep(1000);
    readings.push(app.rssMb());
    const last = readings.slice(-8);
    const settled = last.length === 8 && Math.max(...last) - Math.min(...last) < 2 && Date.now() - started > 15_000;
    if (settled || Date.now() - started > 90_000) return [...last].sort((a, b) => a - b)[Math.floor(last.length / 2)];
  }
}

/** Copies each contribution (with its pending deadline and reminders) `times` times, in SQL. */
export async function cloneContributions(databaseUrl: string, times: number): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query(`CREATE TEMP TABLE clone ON COMMIT DROP AS SELECT gen_random_uuid() AS new_id, c.id AS old_id FROM contributions c, generate_series(1, $1) ORDER BY 1`, [times]);
    await db.query(`INSERT INTO contributions SELECT (jsonb_populate_record(c, jsonb_build_object('id', k.new_id))).* FROM clone k JOIN contributions c ON c.id = k.old_id`);
    await db.query(`CREATE TEMP TABLE deadline_clone ON COMMIT DROP AS SELECT gen_random_uuid() AS new_id, d.id AS old_id, k.new_id AS contribution_id FROM clone k JOIN deadlines d ON d.contribution_id = k.old_id`);
    await db.query(
      `INSERT INTO deadlines SELECT (jsonb_populate_record(d, jsonb_build_object('id', dc.new_id, 'contribution_id', dc.contribution_id))).*
         FROM deadline_clone dc JOIN deadlines d ON d.id = dc.old_id`,
    );
    await db.query(
      `INSERT INTO reminders SELECT (jsonb_populate_record(r, jsonb_build_object('id', gen_random_uuid(), 'deadline_id', dc.new_id, 'contribution_id', dc.contribution_id))).*
         FROM deadline_clone dc JOIN reminders r ON r.deadline_id = dc.old_id`,
    );
    await db.query('COMMIT');
    await db.query('VACUUM ANALYZE contributions, deadlines, reminders');
  } finally {
    await db.end();
  }
}

/** Waits until the app's delayed deadline and reminder jobs are all in Redis. */
async function waitForJobs(prefix: string, expected: number): Promise<void> {
  const redis = new Redis(BENCH_REDIS_URL);
  try {
    const until = Date.now() + 180_000;
    for (;;) {
      const [deadlines, reminders] = await Promise.all([redis.zcard(`${prefix}:deadlines:delayed`), redis.zcard(`${prefix}:reminders:delayed`)]);
      if (deadlines + reminders >= expected) return;
      if (Date.now() > until) throw new Error(`only ${deadlines + reminders} of ${expected} jobs reached Redis`);
      await sleep(250);
    }
  } finally {
    redis.disconnect();
  }
}

async function bareBullmqAdd(count: number): Promise<number> {
  const prefix = `bench-bare-add-${process.pid}`;
  const queue = new Queue('bare', { connection: { url: BENCH_REDIS_URL }, prefix });
  try {
    const started = Date.now();
    for (let i = 0; i < count; i += 5000) {
      await queue.addBulk(Array.from({ length: Math.min(5000, count - i) }, (_, j) => ({ name: 'bare', data: { n: i + j }, opts: { jobId: `bare-${i + j}`, delay: 86_400_000 } })));
    }
    return Date.now() - started;
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    await dropRedisPrefix(prefix);
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
