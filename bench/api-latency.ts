import autocannon from 'autocannon';
import { createServer } from 'node:http';
import { SYSTEM_ACTOR } from '../src/auth/actor';
import { TokensService } from '../src/auth/tokens.service';
import { createApp } from '../src/bootstrap/create-app';
import { AppConfig } from '../src/config/app-config';
import { TransitionService } from '../src/contributions/transition.service';
import { WorkflowsService } from '../src/workflows/workflows.service';
import { freePort, startApp } from './lib/app-process';
import { BENCH_REDIS_URL, createBenchDatabase, dropBenchDatabase } from './lib/bench-database';
import { BENCH_WORKFLOW } from './lib/bench-workflow';
import { BenchRow } from './lib/results-table';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARM_UP_SECONDS = 3;

interface Latency {
  p50: number;
  p99: number;
}

async function fixedRate(url: string, request: Record<string, unknown>, seconds = SECONDS): Promise<Latency> {
  const result = (await autocannon({ url, connections: 16, overallRate: RATE, duration: seconds, requests: [request] } as never)) as unknown as {
    latency: { p50: number; p99: number };
    non2xx: number;
  };
  if (result.non2xx > 0) throw new Error(`${result.non2xx} non-2xx answers from ${url}`);
  return { p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * Part 4: latency of GET /contributions/:id and POST …/events at a fixed request rate (open loop,
 * corrected for coordinated omission), against a bare Node HTTP server answering a small JSON at
 * the same rate on the same machine: the floor of what any HTTP service here can do.
 */
export async function measureApiLatency(log: (line: string) => void): Promise<BenchRow[]> {
  const name = `ce_bench_api_${process.pid}`;
  const databaseUrl = await createBenchDatabase(name);
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: BENCH_REDIS_URL, QUEUE_PREFIX: `bench-api-${process.pid}`, ROLE: 'api', LOG_LEVEL: 'silent' };
  const setupApp = await createApp(AppConfig.fromEnv(env));
  await setupApp.init();
  const ids: string[] = [];
  let token: string;
  try {
    await setupApp.get(WorkflowsService).register(BENCH_WORKFLOW);
    const secretariat = { ...SYSTEM_ACTOR, role: 'secretariat' as const, name: 'Bench secretariat' };
    for (let i = 0; i < 500; i++) ids.push((await setupApp.get(TransitionService).create({ workflow: 'bench-loop', title: `latency ${i}` }, secretariat)).contribution.id);
    token = (await setupApp.get(TokensService).create({ role: 'secretariat', name: 'Bench' })).token;
  } finally {
    await setupApp.close();
  }

  const bare = createServer((_, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ id: ids[0], version: 1, status: 'active' }));
  });
  const barePort = await freePort();
  await new Promise<void>((resolve) => bare.listen(barePort, '127.0.0.1', resolve));
  const server = await startApp({ ...env, LOG_LEVEL: 'warn' });
  try {
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    let nextGet = 0;
    let nextPost = 0;
    const getRequest = { method: 'GET', headers: auth, setupRequest: (r: object) => ({ ...r, path: `/contributions/${ids[nextGet++ % ids.length]}` }) };
    const postRequest = {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'TICK' }),
      setupRequest: (r: object) => ({ ...r, path: `/contributions/${ids[nextPost++ % ids.length]}/events` }),
    };
    // Both servers answer a warm-up round first, so neither is timed while its code is still being compiled.
    await fixedRate(`http://127.0.0.1:${barePort}`, { method: 'GET', path: '/' }, WARM_UP_SECONDS);
    await fixedRate(server.url, getRequest, WARM_UP_SECONDS);
    await fixedRate(server.url, postRequest, WARM_UP_SECONDS);
    const reference = await fixedRate(`http://127.0.0.1:${barePort}`, { method: 'GET', path: '/' });
    const get = await fixedRate(server.url, getRequest);
    const post = await fixedRate(server.url, postRequest);
    log(`at ${RATE} req/s: GET p50 ${get.p50} ms p99 ${get.p99} ms; POST p50 ${post.p50} ms p99 ${post.p99} ms; bare server p50 ${reference.p50} ms p99 ${reference.p99} ms`);
    const row = (metric: string, engine: number, ref: number): BenchRow => ({
      metric: `${metric} at ${RATE} req/s`,
      engine,
      reference: ref,
      referenceLabel: 'bare Node HTTP',
      unit: 'ms',
      higherIsBetter: false,
    });
    return [
      row('GET /contributions/:id p50', get.p50, reference.p50),
      row('GET /contributions/:id p99', get.p99, reference.p99),
      row('POST /contributions/:id/events p50', post.p50, reference.p50),
      row('POST /contributions/:id/events p99', post.p99, reference.p99),
    ];
  } finally {
    await server.stop();
    bare.close();
    await dropBenchDatabase(name);
  }
}
