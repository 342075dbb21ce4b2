import { openContribution, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { verifySignature, SIGNATURE_HEADER } from '../../../src/notifications/webhook-signature.util';
import { MailCatcher, startMailCatcher } from './support/mail-catcher';
import { isoIn, publishQuickRound, records, sleep, waitFor } from './support/scheduling-helpers';
import { startWebhookReceiver, WebhookReceiver } from './support/webhook-receiver';

/**
 * Acceptance (issue 3): a comment round closes by itself at its deadline, with exactly one
 * transition record; reminders went only to the organisations that had not responded, by e-mail
 * (received by a real SMTP server), in-app inbox and signed webhook.
 */
describe('a comment round closes by itself at its deadline', () => {
  let t: TestApp;
  let mail: MailCatcher;
  let hooks: WebhookReceiver;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;
  const people: Record<'a' | 'b' | 'c' | 'd', TestIdentity> = {} as never;
  const secrets: Record<string, string> = {};
  let contributionId: string;
  let dueAt: string;

  beforeAll(async () => {
    mail = await startMailCatcher();
    hooks = await startWebhookReceiver();
    t = await setup({ workers: true, env: { SMTP_URL: mail.url, WEBHOOK_BACKOFF_MS: '100', RELAY_POLL_MS: '200' } });
    secretariat = await t.token('secretariat', undefined, { name: 'RCC Executive Committee secretariat', email: 'secretariat@rcc.example' });
    auditor = await t.token('auditor');
    people.a = await t.token('participant', 'Administration A', { email: 'desk@a.example', language: 'en', timeZone: 'Europe/London' });
    people.b = await t.token('participant', 'Administration B', { email: 'desk@b.example' });
    people.c = await t.token('participant', 'Administration C', { email: 'desk@c.example', language: 'fr', timeZone: 'Europe/Paris' });
    people.d = await t.token('participant', 'Administration D', { email: 'desk@d.example', language: 'ru', timeZone: 'Asia/Yekaterinburg' });
    for (const key of ['a', 'c'] as const) {
      const created = await t.http().post('/webhooks').set(people[key].auth).send({ url: hooks.url(`/hooks/${key}`) }).expect(201);
      secrets[key] = created.body.secret;
    }
    await publishQuickRound(t, secretariat);

    // The round opens with a deadline 7 s away: reminders at -4 s and -2 s, the escalation check at -3 s.
    ({ id: contributionId } = await openContribution(t, secretariat, { workflow: 'quick-round', title: 'Declaration on WSIS+20' }));
    dueAt = isoIn(7000);
    await send(t, secretariat, contributionId, { type: 'SHARE_DRAFT', payload: { deadline: dueAt } });
    await send(t, secretariat, contributionId, { type: 'INVITE', payload: { organisationIds: Object.values(people).map((p) => p.organisationId) } });
    await send(t, people.a, contributionId, { type: 'COMMENT', payload: { text: 'Please mention capacity building.' } });
    await send(t, people.b, contributionId, { type: 'NO_COMMENT' });

    await waitFor('the round to close', async () => {
      const view = await t.http().get(`/contributions/${contributionId}`).set(auditor.auth).expect(200);
      return view.body.currentStages.some((stage: { id: string }) => stage.id === 'editorial');
    });
    // Let the last deliveries of the reminders leave (e-mails and webhooks run after the reminder job).
    await waitFor('the reminder e-mails', async () => mail.mails.filter((m) => /Rappel|Напоминание|Reminder/.test(m.subject)).length >= 4);
    await waitFor('the webhook deliveries', async () => hooks.at('/hooks/c').filter((h) => h.body.type === 'reminder').length >= 2);
    await sleep(500);
  }, 40_000);

  afterAll(async () => {
    await t?.close();
    await mail?.close();
    await hooks?.close();
  });

  it('records exactly one transition, by the engine, to the automatic target', async () => {
    const trail = await records(t, contributionId);
    const deadlineRecords = trail.filter((record) => record.event_type === 'DEADLINE.comments');
    expect(deadlineRecords).toHaveLength(1);
    expect(deadlineRecords[0]).toEqual(expect.objectContaining({ kind: 'transition', from_stages: ['comments'], to_stages: ['editorial'] }));
    expect(deadlineRecords[0].details.deadline).toEqual(expect.objectContaining({ stage: 'comments', generation: 1, dueAt: new Date(dueAt).toISOString() }));
    expect(deadlineRecords[0].details.deadline.lateByMs).toBeLessThan(2000);
    expect(trail.filter((record) => record.from_stages.includes('comments') && !record.to_stages.includes('comments'))).toHaveLength(1);
    const verification = await t.http().get('/audit/verify').query({ contributionId }).set(auditor.auth).expect(200);
    expect(verification.body.ok).toBe(true);
    const view = await t.http().get(`/contributions/${contributionId}`).set(auditor.auth).expect(200);
    expect(view.body.deadlines[0]).toEqual(expect.objectContaining({ stage: 'comments', status: 'fired', late: false }));
  });

  it('e-mailed reminders only to the organisations that had not responded, in their language and zone', () => {
    const reminders = mail.mails.filter((m) => /^(Rappel|Напоминание|Reminder)/.test(m.subject));
    expect(new Set(reminders.flatMap((m) => m.to))).toEqual(new Set(['desk@c.example', 'desk@d.example']));
    expect(mail.to('desk@c.example').filter((m) => m.subject.startsWith('Rappel'))).toHaveLength(2);
    expect(mail.to('desk@d.example').filter((m) => m.subject.startsWith('Напоминание'))).toHaveLength(2);
    const french = mail.to('desk@c.example').find((m) => m.subject.startsWith('Rappel'))!;
    expect(french.text).toContain("Au nom de Administration C, vous n'avez pas encore répondu à « Comments on the draft »");
    expect(french.text).toContain('(votre fuseau horaire, Europe/Paris)');
    expect(french.text).toContain('(Europe/Moscow)');
    expect(french.headers['x-consultation-notification']).toMatch(/^[0-9a-f-]{36}$/);
    // A and B responded: the only mail they got is their invitation.
    for (const address of ['desk@a.example', 'desk@b.example']) {
      expect(mail.to(address).map((m) => m.subject)).toEqual([expect.stringMatching(/^Invitation: "Comments on the draft", due /)]);
    }
  });

  it('put the reminders in the inbox of the people of those organisations only', async () => {
    const inbox = async (who: TestIdentity) => (await t.http().get('/me/notifications').set(who.auth).expect(200)).body;
    const c = await inbox(people.c);
    expect(c.items.filter((n: { kind: string }) => n.kind === 'reminder')).toHaveLength(2);
    expect(c.items.every((n: { language: string }) => n.language === 'fr')).toBe(true);
    expect(c.unread).toBe(3);
    const a = await inbox(people.a);
    expect(a.items.map((n: { kind: string }) => n.kind)).toEqual(['invitation']);
  });

  it('posted signed reminder webhooks to the organisations that had not responded, and no reminder to the others', () => {
    const toC = hooks.at('/hooks/c');
    expect(toC.filter((hook) => hook.body.type === 'reminder')).toHaveLength(2);
    for (const hook of toC) {
      expect(verifySignature(secrets.c, hook.raw, hook.headers[SIGNATURE_HEADER.toLowerCase()] as string)).toBe(true);
      expect(verifySignature(secrets.a, hook.raw, hook.headers[SIGNATURE_HEADER.toLowerCase()] as string)).toBe(false);
    }
    const reminder = toC.find((hook) => hook.body.type === 'reminder')!;
    expect(reminder.body).toEqual(
      expect.objectContaining({
        organisation: { id: people.c.organisationId, name: 'Administration C' },
        contribution: expect.objectContaining({ id: contributionId, title: 'Declaration on WSIS+20' }),
        deadline: expect.objectContaining({ dueAt: new Date(dueAt).toISOString(), timeZone: 'Europe/Moscow' }),
      }),
    );
    expect(hooks.at('/hooks/a').map((hook) => hook.body.type)).toEqual(['invitation']);
  });

  it('escalated to the secretariat: 2 of 4 invited organisations responded, below the 60% threshold', async () => {
    const inbox = (await t.http().get('/me/notifications').set(secretariat.auth).expect(200)).body;
    const escalation = inbox.items.find((n: { kind: string }) => n.kind === 'escalation');
    expect(escalation.subject).toBe('Low response: 50% of invited organisations have responded to "Comments on the draft"');
    expect(escalation.body).toContain('Not yet responded: Administration C, Administration D');
    expect(mail.to('secretariat@rcc.example').map((m) => m.subject)).toEqual([escalation.subject]);
  });

  it('shows what each reminder did in the contribution view', async () => {
    const view = await t.http().get(`/contributions/${contributionId}`).set(auditor.auth).expect(200);
    const log = view.body.deadlines[0].reminderLog;
    expect(log.map((entry: { kind: string; before: string; status: string }) => [entry.kind, entry.before, entry.status])).toEqual([
      ['reminder', 'PT4S', 'sent'],
      ['escalation', 'PT3S', 'sent'],
      ['reminder', 'PT2S', 'sent'],
    ]);
    expect(new Set(log[0].outcome.organisations)).toEqual(new Set([people.c.organisationId, people.d.organisationId]));
  });
});
