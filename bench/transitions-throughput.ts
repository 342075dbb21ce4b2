import autocannon from 'autocannon';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { SYSTEM_ACTOR } from '../src/auth/actor';
import { TokensService } from '../src/auth/tokens.service';
import { createApp } from '../src/bootstrap/create-app';
import { AppConfig } from '../src/config/app-config';
import { TransitionService } from '../src/contributions/transition.service';
import { WorkflowsService } from '../src/workflows/workflows.service';
import { startApp } from './lib/app-process';
import { BENCH_REDIS_URL, createBenchDatabase, dropBenchDatabase } from './lib/bench-database';
import { BENCH_WORKFLOW } from './lib/bench-workflow';
import { BenchRow } from './lib/results-table';

const exec = promisify(execFile);
const CONTRIBUTIONS = 2000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

/**
 * Part 1: persisted transitions per second through the service path and through HTTP, at 1 and
 * 16 concurrent clients on distinct contributions, against pgbench running the SQL a transition
 * needs on the same tables of the same Postgres.
 */
export async function measureTransitions(log: (line: string) => void): Promise<BenchRow[]> {
  const name = `ce_bench_tx_${process.pid}`;
  const databaseUrl = await createBenchDatabase(name);
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: BENCH_REDIS_URL, QUEUE_PREFIX: `bench-${process.pid}`, ROLE: 'api', LOG_LEVEL: 'silent', DB_POOL_SIZE: '20' };
  const app = await createApp(AppConfig.fromEnv(env));
  await app.init();
  try {
    await app.get(WorkflowsService).register(BENCH_WORKFLOW);
    const transitions = app.get(TransitionService);
    const secretariat = { ...SYSTEM_ACTOR, role: 'secretariat' as const, name: 'Bench secretariat' };
    const ids: string[] = [];
    for (let i = 0; i < CONTRIBUTIONS; i++) ids.push((await transitions.create({ workflow: 'bench-loop', title: `bench ${i}` }, secretariat)).contribution.id);
    log(`created ${CONTRIBUTIONS} contributions`);

    const service = async (clients: number) => {
      let done = 0;
      const until = Date.now() + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: clients }, async (_, client) => {
          // Each client owns a disjoint slice of contributions: distinct rows, no lock waits.
          const mine = ids.filter((__, index) => index % clients === client);
          for (let i = 0; Date.now() < until; i++) {
            await transitions.apply(mine[i % mine.length], { type: 'TICK' }, secretariat);
            done++;
          }
        }),
      );
      return done / SECONDS;
    };
    const serviceOne = await service(1);
    const serviceSixteen = await service(16);
    log(`service path: ${serviceOne.toFixed(0)} tx/s (1 client), ${serviceSixteen.toFixed(0)} tx/s (16 clients)`);
    const { token } = await app.get(TokensService).create({ role: 'secretariat', name: 'Bench' });
    await app.close();

    const server = await startApp({ ...env, LOG_LEVEL: 'warn' });
    const http = async (connections: number) => {
      let next = 0;
      const result = await autocannon({
        url: server.url,
        connections,
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'TICK' }),
            setupRequest: (request: { path: string }) => ({ ...request, path: `/contributions/${ids[next++ % ids.length]}/events` }),
          },
        ],
      } as never);
      const result2 = result as unknown as { '2xx': number; non2xx: number; duration: number };
      if (result2.non2xx > 0) log(`warning: ${result2.non2xx} non-2xx answers`);
      return result2['2xx'] / result2.duration;
    };
    const httpOne = await http(1);
    const httpSixteen = await http(16);
    await server.stop();
    log(`HTTP: ${httpOne.toFixed(0)} tx/s (1 connection), ${httpSixteen.toFixed(0)} tx/s (16 connections)`);

    const reference = await pgbenchReference(databaseUrl, ids.length);
    log(`pgbench, same SQL: ${reference.one.toFixed(0)} tps (1 client), ${reference.sixteen.toFixed(0)} tps (16 clients)`);

    const row = (metric: string, engine: number, ref: number, target?: BenchRow['target']): BenchRow => ({
      metric,
      engine,
      reference: ref,
      referenceLabel: 'pgbench, same SQL',
      unit: 'tx/s',
      higherIsBetter: true,
      target,
    });
    return [
      row('transitions/s, service path, 1 client', serviceOne, reference.one),
      row('transitions/s, service path, 16 clients', serviceSixteen, reference.sixteen, { ratio: 0.5, description: '≥ 50 % of reference' }),
      row('transitions/s, HTTP, 1 connection', httpOne, reference.one),
      row('transitions/s, HTTP, 16 connections', httpSixteen, reference.sixteen, { ratio: 0.25, description: '≥ 25 % of reference' }),
    ];
  } finally {
    await app.close().catch(() => undefined);
    await dropBenchDatabase(name);
  }
}

/** What one transition costs Postgres: lock the row, write the snapshot, append the record, queue the outbox row. */
async function pgbenchReference(databaseUrl: string, count: number): Promise<{ one: number; sixteen: number }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const [sample] = (await db.query('SELECT snapshot FROM contributions LIMIT 1')).rows;
  await db.query('CREATE TABLE bench_ids AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM contributions');
  await db.query('CREATE UNIQUE INDEX ON bench_ids (n)');
  await db.end();
  const snapshot = JSON.stringify(sample.snapshot).replace(/'/g, "''");
  const script = join(tmpdir(), `ce-bench-${process.pid}.sql`);
  writeFileSync(
    script,
    `\\set n random(1, ${count})
BEGIN;
SELECT c.id, c.definition_id, c.snapshot, c.version, c.head_seq, c.head_hash FROM contributions c WHERE c.id = (SELECT id FROM bench_ids WHERE n = :n) FOR UPDATE;
INSERT INTO transition_records (contribution_id, seq, kind, event_type, from_stages, to_stages, payload, details, actor_role, actor_name, occurred_at, recorded_at, definition_id, definition_key, definition_version, contribution_version, prev_hash, hash) SELECT id, head_seq + 1, 'transition', 'TICK', '{open}', '{open}', '{}', '{}', 'secretariat', 'Bench', now(), now(), definition_id, 'bench-loop', 1, version + 1, head_hash, md5(random()::text) || md5(random()::text) FROM contributions WHERE id = (SELECT id FROM bench_ids WHERE n = :n);
UPDATE contributions SET snapshot = '${snapshot}', current_stages = '{open}', status = 'active', version = version + 1, head_seq = head_seq + 1, head_hash = md5(random()::text), updated_at = now() WHERE id = (SELECT id FROM bench_ids WHERE n = :n);
INSERT INTO outbox (topic, payload) VALUES ('transition.recorded', '{"contributionId": "bench", "seq": 1}');
COMMIT;
`,
  );
  const run = async (clients: number) => {
    const { stdout } = await exec('pgbench', ['-n', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(SECONDS), '-f', script, databaseUrl]);
    const tps = /tps = ([\d.]+)/.exec(stdout);
    if (!tps) throw new Error(`pgbench printed no tps: ${stdout}`);
    return Number(tps[1]);
  };
  return { one: await run(1), sixteen: await run(16) };
}
