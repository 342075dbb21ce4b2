import { createServer, Server, Socket } from 'node:net';
import { TokensService } from '../../../src/auth/tokens.service';
import type { Actor } from '../../../src/auth/actor';
import { TransitionService } from '../../../src/contributions/transition.service';
import { MetricsServer } from '../../../src/metrics/metrics-server.service';
import { openContribution, postEvent, send } from '../../utils/api';
import { Exposition, scrape } from '../../utils/metrics';
import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { isoIn, publishQuickRound, sleep } from '../scheduling/support/scheduling-helpers';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** How far each counter moved between two scrapes (a series absent before counts from 0). */
function delta(before: Exposition, after: Exposition, name: string, labels: Record<string, string> = {}): number {
  return after.sum(name, labels) - before.sum(name, labels);
}

/**
 * GET /metrics of an API process (no workers: nothing fires behind the test's back, so every
 * counter moves only by what the test does), scraped as Prometheus would.
 */
describe('GET /metrics', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;
  let participant: TestIdentity;

  beforeAll(async () => {
    // METRICS_PORT is for processes without the API: set here, it must open nothing.
    t = await setup({ env: { METRICS_PORT: '0' } });
    secretariat = await t.token('secretariat');
    auditor = await t.token('auditor');
    participant = await t.token('participant', 'Administration of Metricsland');
    await publishQuickRound(t, secretariat);
  });

  afterAll(async () => t?.close());

  async function openRound(): Promise<string> {
    return (await openContribution(t, secretariat, { workflow: 'quick-round', title: 'Metrics' })).id;
  }

  it('is served to the secretariat and auditors, refused to participants, to anonymous callers and to unknown tokens', async () => {
    for (const who of [secretariat, auditor]) {
      const exposition = await scrape(t, who);
      expect(exposition.types.get('ce_transitions_total')).toBe('counter');
      expect(exposition.types.get('ce_http_request_duration_seconds')).toBe('histogram');
      expect(exposition.types.get('ce_deadlines_overdue')).toBe('gauge');
      // The process's own metrics come along: event loop lag, heap, CPU, GC.
      for (const family of ['nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'process_cpu_seconds_total', 'nodejs_gc_duration_seconds']) {
        expect(exposition.types.has(family)).toBe(true);
      }
    }
    const refused = await t.http().get('/metrics').set(participant.auth).expect(403);
    expect(refused.body.error).toBe('forbidden_role');
    expect((await t.http().get('/metrics').expect(401)).body.error).toBe('missing_token');
    expect((await t.http().get('/metrics').set('Authorization', 'Bearer not-a-token').expect(401)).body.error).toBe('invalid_token');
  });

  it('opens no metrics port in a process that runs the API, even with METRICS_PORT set', () => {
    expect(t.app.get(MetricsServer).address()).toBeUndefined();
  });

  it('counts 3 accepted events and 1 refused event exactly, with the HTTP requests under their route patterns', async () => {
    const before = await scrape(t, auditor);
    const id = await openRound();
    await send(t, secretariat, id, { type: 'SHARE_DRAFT', payload: { deadline: isoIn(3_600_000) } });
    await send(t, secretariat, id, { type: 'INVITE', payload: { organisationIds: [participant.organisationId] } });
    await send(t, participant, id, { type: 'COMMENT', payload: { text: 'We support the draft.' } });
    const refused = await postEvent(t, secretariat, id, { type: 'SHARE_DRAFT' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('event_not_allowed');
    const after = await scrape(t, auditor);

    expect(delta(before, after, 'ce_transitions_total', { kind: 'transition' })).toBe(3);
    expect(delta(before, after, 'ce_transitions_total', { kind: 'created' })).toBe(1);
    expect(delta(before, after, 'ce_transitions_total', { kind: 'noop' })).toBe(0);
    expect(delta(before, after, 'ce_events_refused_total', { code: 'event_not_allowed' })).toBe(1);
    expect(delta(before, after, 'ce_events_refused_total')).toBe(1);
    // One request at a time: each committed event (the creation included) had a transaction of its own; the refused one committed nothing.
    expect(delta(before, after, 'ce_transition_batch_size_count')).toBe(4);
    expect(delta(before, after, 'ce_transition_batch_size_sum')).toBe(4);
    expect(delta(before, after, 'ce_transition_transaction_seconds_count')).toBe(4);
    expect(delta(before, after, 'ce_transition_transaction_seconds_sum')).toBeGreaterThan(0);

    const http = 'ce_http_request_duration_seconds_count';
    expect(delta(before, after, http, { method: 'POST', route: '/contributions/:id/events', status_class: '2xx' })).toBe(3);
    expect(delta(before, after, http, { method: 'POST', route: '/contributions/:id/events', status_class: '4xx' })).toBe(1);
    expect(delta(before, after, http, { method: 'POST', route: '/contributions', status_class: '2xx' })).toBe(1);
    // The scrape that opened the interval is counted in it, under its own route.
    expect(delta(before, after, http, { method: 'GET', route: '/metrics', status_class: '2xx' })).toBe(1);
    expect(after.samples.filter((sample) => Object.values(sample.labels).some((value) => value.includes(id)))).toEqual([]);
  });

  it('counts a refused event once when it sank a batch, and each event of a committed batch once, in one transaction', async () => {
    const actor = (await t.app.get(TokensService).authenticate(secretariat.token)) as Actor;
    const transitions = t.app.get(TransitionService);
    const ids = [await openRound(), await openRound(), await openRound()];
    const shareDraft = (id: string) => transitions.apply(id, { type: 'SHARE_DRAFT', payload: { deadline: isoIn(3_600_000) } }, actor);

    // Sent in the same turn of the event loop, the three share one transaction.
    let before = await scrape(t, auditor);
    await Promise.all(ids.map(shareDraft));
    let after = await scrape(t, auditor);
    expect(delta(before, after, 'ce_transitions_total', { kind: 'transition' })).toBe(3);
    expect(delta(before, after, 'ce_transition_batch_size_count')).toBe(1);
    expect(delta(before, after, 'ce_transition_batch_size_sum')).toBe(3);
    expect(delta(before, after, 'ce_transition_batch_size_bucket', { le: '2' })).toBe(0);
    expect(delta(before, after, 'ce_transition_batch_size_bucket', { le: '4' })).toBe(1);
    expect(delta(before, after, 'ce_transition_transaction_seconds_count')).toBe(1);

    // A stale SHARE_DRAFT among them rolls the batch back; each is then applied alone and the stale one refused again.
    const more = [await openRound(), await openRound()];
    before = await scrape(t, auditor);
    const results = await Promise.allSettled([...more, ids[0]].map(shareDraft));
    after = await scrape(t, auditor);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(delta(before, after, 'ce_events_refused_total', { code: 'event_not_allowed' })).toBe(1);
    expect(delta(before, after, 'ce_transitions_total', { kind: 'transition' })).toBe(2);
    expect(delta(before, after, 'ce_transition_batch_size_count')).toBe(2);
    expect(delta(before, after, 'ce_transition_batch_size_sum')).toBe(2);
  });

  it('labels requests no route answered as unmatched, never with the URL', async () => {
    const before = await scrape(t, auditor);
    const path = '/no/such/route/3f0c2a4e-8d1b-4c6a-9e2f-5b7d1a0c9e84';
    await t.http().get(path).set(secretariat.auth).expect(404);
    await t.http().get(`/contributions/3f0c2a4e-8d1b-4c6a-9e2f-5b7d1a0c9e84`).set(secretariat.auth).expect(404);
    const after = await scrape(t, auditor);
    const http = 'ce_http_request_duration_seconds_count';
    expect(delta(before, after, http, { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(1);
    expect(delta(before, after, http, { method: 'GET', route: '/contributions/:id', status_class: '4xx' })).toBe(1);
    const routes = new Set(after.series(http).map((sample) => sample.labels.route));
    expect([...routes].filter((route) => UUID.test(route) || route.includes('?'))).toEqual([]);
  });

  it('reports pending deadlines, and as overdue only those pending more than 60 s past their instant', async () => {
    const id = await openRound();
    await send(t, secretariat, id, { type: 'SHARE_DRAFT', payload: { deadline: isoIn(3_600_000) } });
    const pending = Number((await t.db.query(`SELECT count(*) FROM deadlines WHERE status = 'pending'`)).rows[0].count);
    expect(pending).toBeGreaterThan(0);
    let exposition = await scrape(t, auditor);
    expect(exposition.value('ce_deadlines_pending')).toBe(pending);
    expect(exposition.value('ce_deadlines_overdue')).toBe(0);

    // No worker runs here: a deadline whose instant is moved into the past stays pending, as when every worker is down.
    await t.db.query(`UPDATE deadlines SET due_at = now() - interval '5 minutes' WHERE contribution_id = $1`, [id]);
    exposition = await scrape(t, auditor);
    expect(exposition.value('ce_deadlines_overdue')).toBe(1);
    expect(exposition.value('ce_deadlines_pending')).toBe(pending);

    // 30 s late is within the grace a healthy worker may need: not overdue yet.
    const other = await openRound();
    await send(t, secretariat, other, { type: 'SHARE_DRAFT', payload: { deadline: isoIn(3_600_000) } });
    await t.db.query(`UPDATE deadlines SET due_at = now() - interval '30 seconds' WHERE contribution_id = $1`, [other]);
    exposition = await scrape(t, auditor);
    expect(exposition.value('ce_deadlines_overdue')).toBe(1);
    expect(exposition.value('ce_deadlines_pending')).toBe(pending + 1);
  });

  it('reports the unpublished outbox rows and the age of the oldest', async () => {
    // Nothing relays here: publish what the events above wrote, then leave one row behind, ten minutes old.
    await t.db.query(`UPDATE outbox SET published_at = now() WHERE published_at IS NULL`);
    let exposition = await scrape(t, auditor);
    expect(exposition.value('ce_outbox_unpublished')).toBe(0);
    expect(exposition.value('ce_outbox_oldest_unpublished_age_seconds')).toBe(0);

    await t.db.query(`INSERT INTO outbox (topic, payload, created_at) VALUES ('metrics.test', '{}', now() - interval '10 minutes')`);
    await t.db.query(`INSERT INTO outbox (topic, payload) VALUES ('metrics.test', '{}')`);
    exposition = await scrape(t, auditor);
    expect(exposition.value('ce_outbox_unpublished')).toBe(2);
    expect(exposition.value('ce_outbox_oldest_unpublished_age_seconds')).toBeGreaterThanOrEqual(600);
    expect(exposition.value('ce_outbox_oldest_unpublished_age_seconds')).toBeLessThan(660);
    await t.db.query(`UPDATE outbox SET published_at = now() WHERE topic = 'metrics.test'`);
  });

  it('reports the BullMQ jobs per queue and state', async () => {
    const exposition = await scrape(t, auditor);
    const queues = new Set(exposition.series('ce_queue_jobs').map((sample) => sample.labels.queue));
    expect(queues).toEqual(new Set(['deadlines', 'reminders', 'notifications', 'webhooks', 'audit']));
    for (const queue of queues) {
      expect(exposition.series('ce_queue_jobs', { queue }).map((sample) => sample.labels.state).sort()).toEqual(['active', 'delayed', 'failed', 'waiting']);
    }
    // Nothing was relayed into this app's queues (no worker runs the outbox relay).
    expect(exposition.sum('ce_queue_jobs')).toBe(0);
  });

  it('still answers when Postgres fails during a scrape: the other gauges are served and the error is counted', async () => {
    const before = await scrape(t, auditor);
    await t.db.query(`ALTER TABLE outbox RENAME TO outbox_away`);
    let during: Exposition;
    try {
      during = await scrape(t, auditor);
    } finally {
      await t.db.query(`ALTER TABLE outbox_away RENAME TO outbox`);
    }
    expect(delta(before, during, 'ce_scrape_errors_total', { source: 'postgres' })).toBe(1);
    expect(delta(before, during, 'ce_scrape_errors_total', { source: 'redis' })).toBe(0);
    // Left out, not reported as a reassuring 0.
    expect(during.series('ce_deadlines_overdue')).toEqual([]);
    expect(during.series('ce_outbox_unpublished')).toEqual([]);
    expect(during.series('ce_queue_jobs')).toHaveLength(20);
    expect(during.series('ce_transitions_total').length).toBeGreaterThan(0);

    const after = await scrape(t, auditor);
    expect(after.value('ce_deadlines_overdue')).toBe(1);
    expect(delta(during, after, 'ce_scrape_errors_total', { source: 'postgres' })).toBe(0);
  });
});

describe('GET /metrics while Redis does not answer', () => {
  let t: TestApp;
  let blackHole: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // Accepts connections and never answers: every Redis command hangs, as with a wedged or unreachable server.
    blackHole = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', () => resolve()));
    const { port } = blackHole.address() as { port: number };
    t = await setup({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  });

  afterAll(async () => {
    await t?.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackHole?.close(resolve));
    // ioredis gives each connection it closes before it was ready 2 s to end (a timer per queue); let those run out so the jest worker exits cleanly.
    await sleep(2100);
  }, 10_000);

  it('serves the Postgres gauges and its own counters within the source timeout, leaves the queue gauges out and counts the error', async () => {
    const auditor = await t.token('auditor');
    const started = Date.now();
    const exposition = await scrape(t, auditor);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(exposition.value('ce_scrape_errors_total', { source: 'redis' })).toBe(1);
    expect(exposition.value('ce_scrape_errors_total', { source: 'postgres' })).toBe(0);
    expect(exposition.series('ce_queue_jobs')).toEqual([]);
    expect(exposition.value('ce_deadlines_overdue')).toBe(0);
    expect(exposition.value('ce_deadlines_pending')).toBe(0);
  });
});
