import { MetricsServer } from '../../../src/metrics/metrics-server.service';
import { openContribution, send } from '../../utils/api';
import { Exposition, scrape } from '../../utils/metrics';
import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { isoIn, publishQuickRound, waitFor } from '../scheduling/support/scheduling-helpers';
import { startWorker, WorkerProcess } from '../scheduling/support/worker-process';

/**
 * A worker-only process (the real entry point, src/main.ts, with ROLE=worker) opens no HTTP port
 * but, with METRICS_PORT set, serves GET /metrics on a bare port without a token. The deadline it
 * fires counts in its own metrics; the cluster gauges read the same from it as from the API.
 */
describe('the metrics port of a worker process', () => {
  let t: TestApp;
  let worker: WorkerProcess;
  let metricsUrl: string;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;

  beforeAll(async () => {
    t = await setup();
    secretariat = await t.token('secretariat');
    auditor = await t.token('auditor');
    await publishQuickRound(t, secretariat);
    worker = await startWorker(t.config, { METRICS_PORT: '0', RELAY_POLL_MS: '200' });
    const port = /metrics served on http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(worker.output())?.[1];
    if (!port) throw new Error(`the worker did not say where it serves its metrics: ${worker.output()}`);
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
  }, 60_000);

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await t?.close();
  });

  async function scrapeWorker(): Promise<Exposition> {
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return Exposition.parse(await response.text());
  }

  it('answers GET /metrics without a token, with its process metrics and the cluster gauges', async () => {
    const exposition = await scrapeWorker();
    expect(exposition.types.get('ce_deadline_firings_total')).toBe('counter');
    expect(exposition.value('ce_deadlines_overdue')).toBe(0);
    expect(exposition.series('ce_queue_jobs')).toHaveLength(20);
    expect(exposition.value('process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('serves nothing else on that port', async () => {
    const root = await fetch(metricsUrl.replace('/metrics', '/'));
    expect(root.status).toBe(404);
    expect(await root.text()).toContain('GET /metrics');
    const post = await fetch(metricsUrl, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('counts the deadline the worker fired in its own metrics, while the API reads the same cluster gauges', async () => {
    const before = await scrapeWorker();
    const { id } = await openContribution(t, secretariat, { workflow: 'quick-round', title: 'Fired by a worker process' });
    await send(t, secretariat, id, { type: 'SHARE_DRAFT', payload: { deadline: isoIn(2500) } });
    await waitFor('the worker to close the round', async () => {
      const view = await t.http().get(`/contributions/${id}`).set(auditor.auth).expect(200);
      return view.body.currentStages.some((stage: { id: string }) => stage.id === 'editorial');
    });

    const fromWorker = await scrapeWorker();
    const moved = (name: string, labels: Record<string, string> = {}) => fromWorker.sum(name, labels) - before.sum(name, labels);
    expect(moved('ce_deadline_firings_total', { outcome: 'transition' })).toBe(1);
    expect(moved('ce_deadline_lateness_seconds_count')).toBe(1);
    expect(moved('ce_transitions_total', { kind: 'transition' })).toBe(1);

    const fromApi = await scrape(t, auditor);
    expect(fromApi.value('ce_deadline_firings_total', { outcome: 'transition' })).toBe(0);
    for (const gauge of ['ce_deadlines_pending', 'ce_deadlines_overdue']) expect(fromApi.value(gauge)).toBe(fromWorker.value(gauge));
    expect(fromWorker.value('ce_deadlines_pending')).toBe(0);
  });

  it('closes the port when the worker shuts down', async () => {
    await expect(fetch(metricsUrl)).resolves.toHaveProperty('status', 200);
    await worker.kill('SIGTERM');
    expect(worker.child.signalCode ?? worker.child.exitCode).not.toBeNull();
    await expect(fetch(metricsUrl)).rejects.toThrow();
  });
});

describe('a worker without METRICS_PORT', () => {
  it('opens no port at all', async () => {
    const t = await setup({ env: { ROLE: 'worker' } });
    try {
      expect(t.config.runsApi).toBe(false);
      expect(t.app.get(MetricsServer).address()).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
