import { openContribution, send } from '../../utils/api';
import { Exposition, scrape } from '../../utils/metrics';
import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { isoIn, outboxRelayed, publishQuickRound, sleep, waitFor } from '../scheduling/support/scheduling-helpers';
import { startWebhookReceiver, WebhookReceiver } from '../scheduling/support/webhook-receiver';

/**
 * An API + worker process: a comment round whose deadline is seconds away closes by itself, and
 * the firing, its lateness, the notifications it caused and the cluster gauges all show in
 * /metrics, each by exactly what happened.
 */
describe('metrics of deadlines and notifications', () => {
  let t: TestApp;
  let hooks: WebhookReceiver;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;
  let people: TestIdentity[];
  let start: Exposition;
  let contributionId: string;
  let pendingBeforeFiring: Exposition;

  beforeAll(async () => {
    hooks = await startWebhookReceiver();
    // No SMTP_URL: e-mails are logged, which the metrics count as their own outcome.
    t = await setup({ workers: true, env: { RELAY_POLL_MS: '200', WEBHOOK_BACKOFF_MS: '100' } });
    secretariat = await t.token('secretariat');
    auditor = await t.token('auditor');
    people = [
      await t.token('participant', 'Administration A', { email: 'desk@a.example' }),
      await t.token('participant', 'Administration B', { email: 'desk@b.example' }),
    ];
    await t.http().post('/webhooks').set(people[0].auth).send({ url: hooks.url('/hooks/a') }).expect(201);
    await publishQuickRound(t, secretariat);
    start = await scrape(t, auditor);

    ({ id: contributionId } = await openContribution(t, secretariat, { workflow: 'quick-round', title: 'Metrics of a closing round' }));
    await send(t, secretariat, contributionId, { type: 'SHARE_DRAFT', payload: { deadline: isoIn(3000) } });
    await send(t, secretariat, contributionId, { type: 'INVITE', payload: { organisationIds: people.map((p) => p.organisationId) } });
    await outboxRelayed(t);
    pendingBeforeFiring = await scrape(t, auditor);

    await waitFor('the round to close by itself', async () => {
      const view = await t.http().get(`/contributions/${contributionId}`).set(auditor.auth).expect(200);
      return view.body.currentStages.some((stage: { id: string }) => stage.id === 'editorial');
    });
    // Every e-mail and webhook delivery done (each counted before its row is marked).
    await waitFor('the deliveries', async () => {
      const { rows } = await t.db.query(
        `SELECT (SELECT count(*) FROM notifications WHERE email_status = 'pending')::int
              + (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending')::int AS pending`,
      );
      return rows[0].pending === 0;
    });
    await sleep(300);
  }, 40_000);

  afterAll(async () => {
    await t?.close();
    await hooks?.close();
  });

  it('showed the pending deadline and its delayed job before it fired, none overdue', () => {
    expect(pendingBeforeFiring.value('ce_deadlines_pending')).toBe(1);
    expect(pendingBeforeFiring.value('ce_deadlines_overdue')).toBe(0);
    expect(pendingBeforeFiring.value('ce_queue_jobs', { queue: 'deadlines', state: 'delayed' })).toBe(1);
    expect(pendingBeforeFiring.value('ce_outbox_unpublished')).toBe(0);
  });

  it('counts the firing once, as a transition, with its lateness', async () => {
    const now = await scrape(t, auditor);
    const moved = (name: string, labels: Record<string, string> = {}) => now.sum(name, labels) - start.sum(name, labels);
    expect(moved('ce_deadline_firings_total', { outcome: 'transition' })).toBe(1);
    expect(moved('ce_deadline_firings_total')).toBe(1);
    expect(moved('ce_deadline_lateness_seconds_count')).toBe(1);
    const lateness = moved('ce_deadline_lateness_seconds_sum');
    const { rows } = await t.db.query(`SELECT details FROM transition_records WHERE contribution_id = $1 AND event_type = 'DEADLINE.comments'`, [contributionId]);
    expect(rows).toHaveLength(1);
    // From the due instant to the commit: no earlier than the job started, and well within the 10 s bucket here.
    expect(lateness).toBeGreaterThanOrEqual(rows[0].details.deadline.lateByMs / 1000);
    expect(moved('ce_deadline_lateness_seconds_bucket', { le: '10' })).toBe(1);
    // SHARE_DRAFT and INVITE by hand, the deadline by the engine.
    expect(moved('ce_transitions_total', { kind: 'transition' })).toBe(3);
  });

  it('reports no pending and no overdue deadline once it fired, and no job left waiting', async () => {
    const now = await scrape(t, auditor);
    expect(now.value('ce_deadlines_pending')).toBe(0);
    expect(now.value('ce_deadlines_overdue')).toBe(0);
    expect(now.value('ce_queue_jobs', { queue: 'deadlines', state: 'delayed' })).toBe(0);
    expect(now.value('ce_queue_jobs', { queue: 'deadlines', state: 'failed' })).toBe(0);
    expect(now.value('ce_outbox_unpublished')).toBe(0);
    expect(now.value('ce_scrape_errors_total', { source: 'postgres' })).toBe(0);
    expect(now.value('ce_scrape_errors_total', { source: 'redis' })).toBe(0);
  });

  it('counts each e-mail and webhook delivery as the database recorded it', async () => {
    const now = await scrape(t, auditor);
    const { rows } = await t.db.query(
      `SELECT (SELECT count(*) FROM notifications WHERE email_status = 'logged')::int AS logged,
              (SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered')::int AS delivered`,
    );
    // The invitations of both organisations at least; the reminder to whoever had not responded too.
    expect(rows[0].logged).toBeGreaterThanOrEqual(2);
    expect(rows[0].delivered).toBeGreaterThanOrEqual(1);
    expect(now.value('ce_notifications_sent_total', { channel: 'email', outcome: 'logged' })).toBe(rows[0].logged);
    expect(now.value('ce_notifications_sent_total', { channel: 'email', outcome: 'sent' })).toBe(0);
    expect(now.value('ce_notifications_sent_total', { channel: 'webhook', outcome: 'sent' })).toBe(rows[0].delivered);
    expect(now.value('ce_notifications_sent_total', { channel: 'webhook', outcome: 'retry' })).toBe(0);
    expect(hooks.at('/hooks/a')).toHaveLength(rows[0].delivered);
  });

  it('counts a webhook attempt that failed as a retry, then its delivery', async () => {
    const before = await scrape(t, auditor);
    hooks.failNext('/hooks/a', [503]);
    const { id } = await openContribution(t, secretariat, { workflow: 'quick-round', title: 'A receiver that fails once' });
    await send(t, secretariat, id, { type: 'SHARE_DRAFT', payload: { deadline: isoIn(3_600_000) } });
    await send(t, secretariat, id, { type: 'INVITE', payload: { organisationIds: [people[0].organisationId] } });
    await waitFor('the delivery after one retry', async () => hooks.at('/hooks/a').filter((hook) => hook.body.contribution?.id === id && hook.answered === 204).length === 1);
    await sleep(200);
    const after = await scrape(t, auditor);
    const moved = (labels: Record<string, string>) => after.sum('ce_notifications_sent_total', labels) - before.sum('ce_notifications_sent_total', labels);
    expect(moved({ channel: 'webhook', outcome: 'retry' })).toBe(1);
    expect(moved({ channel: 'webhook', outcome: 'sent' })).toBe(1);
    expect(moved({ channel: 'webhook', outcome: 'failed' })).toBe(0);
  });
});
