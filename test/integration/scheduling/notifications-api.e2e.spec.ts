import { openContribution, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { SIGNATURE_HEADER, verifySignature } from '../../../src/notifications/webhook-signature.util';
import { isoIn, publishQuickRound, waitFor } from './support/scheduling-helpers';
import { startWebhookReceiver, WebhookReceiver } from './support/webhook-receiver';

/** Inbox, webhook subscriptions and their delivery log, the calendar feed's token, and the queue dashboard. */
describe('notifications API', () => {
  let t: TestApp;
  let hooks: WebhookReceiver;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;
  let alpha: TestIdentity;
  let beta: TestIdentity;

  beforeAll(async () => {
    hooks = await startWebhookReceiver();
    t = await setup({ workers: true, env: { WEBHOOK_BACKOFF_MS: '50', WEBHOOK_ATTEMPTS: '3', RELAY_POLL_MS: '200' } });
    secretariat = await t.token('secretariat');
    auditor = await t.token('auditor');
    alpha = await t.token('participant', 'Alpha Administration', { email: 'desk@alpha.example' });
    beta = await t.token('participant', 'Beta Administration');
    await publishQuickRound(t, secretariat);
  });

  afterAll(async () => {
    await t?.close();
    await hooks?.close();
  });

  /** Opens a round a day long and invites these organisations: each gets an invitation notice at once. */
  async function invite(...who: TestIdentity[]): Promise<string> {
    const { id } = await openContribution(t, secretariat, { workflow: 'quick-round', title: 'Notices' });
    await send(t, secretariat, id, { type: 'SHARE_DRAFT', payload: { deadline: isoIn(86_400_000) } });
    await send(t, secretariat, id, { type: 'INVITE', payload: { organisationIds: who.map((p) => p.organisationId) } });
    return id;
  }

  describe('webhook subscriptions', () => {
    it('a participant subscribes its own organisation only; a secretariat names one; an auditor reads', async () => {
      const own = await t.http().post('/webhooks').set(alpha.auth).send({ url: hooks.url('/alpha'), events: ['invitation'] }).expect(201);
      expect(own.body).toEqual(expect.objectContaining({ organisationId: alpha.organisationId, url: hooks.url('/alpha'), events: ['invitation'] }));
      expect(own.body.secret).toMatch(/^whsec_/);
      const other = await t.http().post('/webhooks').set(alpha.auth).send({ url: hooks.url('/x'), organisationId: beta.organisationId }).expect(403);
      expect(other.body.error).toBe('wrong_organisation');
      const missing = await t.http().post('/webhooks').set(secretariat.auth).send({ url: hooks.url('/x') }).expect(400);
      expect(missing.body.errors).toEqual([{ path: 'organisationId', message: 'name the organisation the subscription is for' }]);
      await t.http().post('/webhooks').set(auditor.auth).send({ url: hooks.url('/x'), organisationId: beta.organisationId }).expect(403);
      const bad = await t.http().post('/webhooks').set(alpha.auth).send({ url: 'ftp://example.org', colour: 'red' }).expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'url']);

      const listedByBeta = await t.http().get('/webhooks').set(beta.auth).expect(200);
      expect(listedByBeta.body).toEqual([]);
      const listedByAuditor = await t.http().get('/webhooks').query({ organisationId: alpha.organisationId }).set(auditor.auth).expect(200);
      expect(listedByAuditor.body.map((w: { id: string }) => w.id)).toEqual([own.body.id]);
      expect(listedByAuditor.body[0].secret).toBeUndefined();
      await t.http().get(`/webhooks/${own.body.id}/deliveries`).set(beta.auth).expect(404);
      await t.http().delete(`/webhooks/${own.body.id}`).set(alpha.auth).expect(204);
    });

    it('retries a failing endpoint with backoff, signs every attempt over the same body, and logs each attempt', async () => {
      const created = await t.http().post('/webhooks').set(beta.auth).send({ url: hooks.url('/beta-flaky') }).expect(201);
      hooks.failNext('/beta-flaky', [500, 503]);
      await invite(beta);
      const log = await waitFor('the delivery to succeed', async () => {
        const response = await t.http().get(`/webhooks/${created.body.id}/deliveries`).set(beta.auth).expect(200);
        const [delivery] = response.body.items;
        return delivery?.status === 'delivered' ? delivery : undefined;
      });
      expect(log.attempts.map((a: { attempt: number; statusCode: number; error: string | null }) => [a.attempt, a.statusCode, a.error])).toEqual([
        [1, 500, 'answered HTTP 500'],
        [2, 503, 'answered HTTP 503'],
        [3, 204, null],
      ]);
      expect(Date.parse(log.attempts[2].at) - Date.parse(log.attempts[1].at)).toBeGreaterThanOrEqual(90); // exponential: 50 ms, then 100 ms
      const received = hooks.at('/beta-flaky');
      expect(received).toHaveLength(3);
      expect(new Set(received.map((hook) => hook.raw.toString()))).toEqual(new Set([received[0].raw.toString()]));
      for (const hook of received) expect(verifySignature(created.body.secret, hook.raw, hook.headers[SIGNATURE_HEADER.toLowerCase()] as string)).toBe(true);
      expect(received.map((hook) => hook.headers['x-consultation-attempt'])).toEqual(['1', '2', '3']);
      expect(received[0].headers['x-consultation-delivery']).toBe(log.id);
      expect(log.body).toEqual(expect.objectContaining({ id: log.id, type: 'invitation', organisation: { id: beta.organisationId, name: 'Beta Administration' } }));
    });

    it('gives up after WEBHOOK_ATTEMPTS and says so in the delivery log', async () => {
      const created = await t.http().post('/webhooks').set(secretariat.auth).send({ url: hooks.url('/gamma-down'), organisationId: alpha.organisationId }).expect(201);
      hooks.failNext('/gamma-down', [500, 500, 500, 500]);
      await invite(alpha);
      const failed = await waitFor('the delivery to fail for good', async () => {
        const response = await t.http().get(`/webhooks/${created.body.id}/deliveries`).set(auditor.auth).expect(200);
        return response.body.items[0]?.status === 'failed' ? response.body.items[0] : undefined;
      });
      expect(failed.attempts).toHaveLength(3);
      expect(failed.lastError).toBe('answered HTTP 500');
      expect(hooks.at('/gamma-down')).toHaveLength(3);
    });
  });

  describe('inbox', () => {
    it('lists only your own notices, newest first, and marks them read', async () => {
      const before = (await t.http().get('/me/notifications').set(alpha.auth).expect(200)).body.items.length;
      await invite(alpha);
      const inbox = await waitFor('the invitation', async () => {
        const response = await t.http().get('/me/notifications').query({ unread: 'true' }).set(alpha.auth).expect(200);
        return response.body.items.length === before + 1 ? response.body : undefined;
      });
      const [first] = inbox.items;
      const created = inbox.items.map((item: { createdAt: string }) => item.createdAt);
      expect(created).toEqual([...created].sort().reverse());
      expect(first).toEqual(expect.objectContaining({ kind: 'invitation', language: 'en', email: expect.objectContaining({ to: 'desk@alpha.example' }) }));
      expect(first.body).toContain('Alpha Administration is invited to respond to "Comments on the draft"');
      await t.http().post(`/me/notifications/${first.id}/read`).set(beta.auth).expect(404);
      const read = await t.http().post(`/me/notifications/${first.id}/read`).set(alpha.auth).expect(200);
      expect(read.body.readAt).toEqual(expect.any(String));
      const again = await t.http().post(`/me/notifications/${first.id}/read`).set(alpha.auth).expect(200);
      expect(again.body.readAt).toBe(read.body.readAt);
      const all = await t.http().post('/me/notifications/read-all').set(alpha.auth).expect(200);
      expect(all.body.marked).toBe(inbox.unread - 1);
      expect((await t.http().get('/me/notifications').set(alpha.auth).expect(200)).body.unread).toBe(0);
      await t.http().get('/me/notifications').query({ unread: 'maybe' }).set(alpha.auth).expect(400);
      await t.http().get('/me/notifications').expect(401);
    });

    it('logs e-mails instead of sending them when SMTP_URL is not set', async () => {
      const { rows } = await t.db.query(`SELECT DISTINCT email_status FROM notifications WHERE email_to = 'desk@alpha.example'`);
      await waitFor('the e-mail job', async () => (await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE email_status = 'pending'`)).rows[0].n === 0);
      expect(rows.every((row) => ['logged', 'pending'].includes(row.email_status))).toBe(true);
      const after = await t.db.query(`SELECT DISTINCT email_status FROM notifications WHERE email_to = 'desk@alpha.example'`);
      expect(after.rows).toEqual([{ email_status: 'logged' }]);
    });
  });

  describe('calendar feed', () => {
    it('takes the token from the header or from ?token= (for calendar clients), and nothing else', async () => {
      await invite(beta);
      const byHeader = await t.http().get('/me/calendar.ics').set(beta.auth).expect(200);
      expect(byHeader.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(byHeader.text).toContain('BEGIN:VCALENDAR');
      expect(byHeader.text).toContain('SUMMARY:Deadline: Comments on the draft – Notices');
      const byQuery = await t.http().get('/me/calendar.ics').query({ token: beta.token }).expect(200);
      expect(byQuery.text.match(/BEGIN:VEVENT/g)?.length).toBe(byHeader.text.match(/BEGIN:VEVENT/g)?.length);
      await t.http().get('/me/calendar.ics').expect(401);
      await t.http().get('/me/calendar.ics').query({ token: 'ce_not-a-real-token-at-all' }).expect(401);
      // ?token= is for the calendar only.
      await t.http().get('/me/notifications').query({ token: beta.token }).expect(401);
    });

    it("shows a participant only the deadlines of stages its organisation is invited to", async () => {
      const loner = await t.token('participant', 'Uninvited Administration');
      const feed = await t.http().get('/me/calendar.ics').set(loner.auth).expect(200);
      expect(feed.text).not.toContain('BEGIN:VEVENT');
    });
  });

  describe('queue dashboard', () => {
    it('is for the secretariat only', async () => {
      await t.http().get('/queues').expect(401);
      await t.http().get('/queues').set(alpha.auth).expect(403);
      await t.http().get('/queues').set(auditor.auth).expect(403);
      const page = await t.http().get('/queues').set(secretariat.auth).expect(200);
      expect(page.text).toContain('<title>Consultation Engine queues</title>');
      const api = await t.http().get('/queues/api/queues').set(secretariat.auth).expect(200);
      expect(api.body.queues.map((queue: { name: string }) => queue.name)).toEqual(expect.arrayContaining(['deadlines', 'notifications', 'reminders', 'webhooks']));
    });

    it('lets a browser in with ?token= once, then by cookie, without the token in the address', async () => {
      const entry = await t.http().get('/queues').query({ token: secretariat.token }).expect(303);
      expect(entry.headers.location).toBe('/queues');
      const cookie = entry.headers['set-cookie'][0];
      expect(cookie).toMatch(/^ce_board_token=.*; Path=\/queues; HttpOnly; SameSite=Strict$/);
      await t.http().get('/queues').set('Cookie', cookie.split(';')[0]).expect(200);
    });
  });
});
