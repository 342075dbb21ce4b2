import { openContribution, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { JobQueues } from '../../../src/queues/job-queues.service';
import { MailCatcher, startMailCatcher } from './support/mail-catcher';
import { isoIn, publishQuickRound, records, sleepUntil, waitFor } from './support/scheduling-helpers';

function unfold(ics: string): string {
  return ics.replace(/\r\n[ \t]/g, '');
}

function icsField(ics: string, name: string): string | undefined {
  return new RegExp(`^${name}[^:]*:(.*)$`, 'm').exec(unfold(ics))?.[1]?.trim();
}

const icsDate = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * Acceptance (issue 3): a deadline extended before it passes. Nothing happens at the old instant;
 * reminders and the close happen at the new one; the iCalendar feed shows the new date in the same
 * event with a higher SEQUENCE; the participants concerned are told the new date.
 */
describe('a deadline extended before it passes', () => {
  let t: TestApp;
  let mail: MailCatcher;
  let secretariat: TestIdentity;
  let responded: TestIdentity;
  let silent: TestIdentity;
  let contributionId: string;
  let openedAt: number;
  const oldDue = () => new Date(openedAt + 6000).toISOString();
  const newDue = () => new Date(openedAt + 12_000).toISOString();
  const calendarBefore: { ics?: string } = {};

  beforeAll(async () => {
    mail = await startMailCatcher();
    t = await setup({ workers: true, env: { SMTP_URL: mail.url, RELAY_POLL_MS: '200' } });
    secretariat = await t.token('secretariat', undefined, { name: 'ITU secretariat' });
    responded = await t.token('participant', 'Administration A', { email: 'desk@a.example' });
    silent = await t.token('participant', 'Administration C', { email: 'desk@c.example', language: 'fr', timeZone: 'Europe/Paris' });
    await publishQuickRound(t, secretariat);
    ({ id: contributionId } = await openContribution(t, secretariat, { workflow: 'quick-round', title: 'Call for inputs' }));
    openedAt = Date.now();
    await send(t, secretariat, contributionId, { type: 'SHARE_DRAFT', payload: { deadline: oldDue() } });
    await send(t, secretariat, contributionId, { type: 'INVITE', payload: { organisationIds: [responded.organisationId, silent.organisationId] } });
    await send(t, responded, contributionId, { type: 'COMMENT', payload: { text: 'Agreed.' } });
    calendarBefore.ics = (await t.http().get('/me/calendar.ics').query({ token: silent.token }).expect(200)).text;
    await send(t, secretariat, contributionId, {
      type: 'EXTEND_DEADLINE',
      payload: { dueAt: newDue() },
      reason: 'following several requests received from stakeholders',
    });
  }, 30_000);

  afterAll(async () => {
    await t?.close();
    await mail?.close();
  });

  it('records the old and new instants, who authorised it and why', async () => {
    const extension = (await records(t, contributionId)).find((record) => record.event_type === 'EXTEND_DEADLINE')!;
    expect(extension.reason).toBe('following several requests received from stakeholders');
    expect(extension.details.extension).toEqual(
      expect.objectContaining({ stage: 'comments', oldDueAt: oldDue(), newDueAt: newDue(), authorisedBy: 'ITU secretariat', generation: 2, organisationId: null }),
    );
    expect(extension.details.extension.reminders.map((r: { kind: string; before: string }) => `${r.kind} ${r.before}`)).toEqual([
      'reminder PT4S',
      'escalation PT3S',
      'reminder PT2S',
    ]);
  });

  it('moves the reminders in the same transaction and replaces the deadline job', async () => {
    const { rows } = await t.db.query(`SELECT generation, kind, before_due, status, outcome FROM reminders WHERE contribution_id = $1 ORDER BY generation, due_at`, [contributionId]);
    expect(rows.filter((r) => r.generation === 1).map((r) => [r.status, r.outcome.reason])).toEqual([
      ['cancelled', 'moved by an extension'],
      ['cancelled', 'moved by an extension'],
      ['cancelled', 'moved by an extension'],
    ]);
    expect(rows.filter((r) => r.generation === 2).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    const [{ id: deadlineId }] = (await t.db.query(`SELECT id FROM deadlines WHERE contribution_id = $1`, [contributionId])).rows;
    const queues = t.app.get(JobQueues);
    await waitFor('the relay to replace the job', async () => (await queues.state('deadline.fire', `deadline-${deadlineId}-g2`)) === 'delayed');
    expect(await queues.state('deadline.fire', `deadline-${deadlineId}-g1`)).toBeUndefined();
  });

  it('shows the new date in the same calendar event with a higher SEQUENCE', async () => {
    const after = (await t.http().get('/me/calendar.ics').query({ token: silent.token }).expect(200)).text;
    expect(icsField(calendarBefore.ics!, 'UID')).toBe(icsField(after, 'UID'));
    expect(icsField(calendarBefore.ics!, 'SEQUENCE')).toBe('1');
    expect(icsField(after, 'SEQUENCE')).toBe('2');
    expect(icsField(calendarBefore.ics!, 'DTSTART')).toBe(icsDate(oldDue()));
    expect(icsField(after, 'DTSTART')).toBe(icsDate(newDue()));
    expect(unfold(after)).toContain('(votre fuseau horaire\\, Europe/Paris)');
  });

  it('tells the invited participants the new date', async () => {
    const inbox = await waitFor('the extension notice', async () => {
      const items = (await t.http().get('/me/notifications').set(silent.auth).expect(200)).body.items;
      return items.find((n: { kind: string }) => n.kind === 'deadline_extended');
    });
    expect(inbox.subject).toMatch(/^Nouvelle échéance pour « Comments on the draft » : /);
    expect(inbox.body).toContain('Motif: following several requests received from stakeholders');
    await waitFor('the extension e-mail to the participant who responded too', async () => mail.to('desk@a.example').some((m) => m.subject.startsWith('New deadline for')));
  });

  it('does nothing at the old instant', async () => {
    await sleepUntil(Date.parse(oldDue()) + 1000);
    const trail = await records(t, contributionId);
    expect(trail.map((record) => record.event_type)).toEqual(['CREATE', 'SHARE_DRAFT', 'INVITE', 'COMMENT', 'EXTEND_DEADLINE']);
    const view = await t.http().get(`/contributions/${contributionId}`).set(secretariat.auth).expect(200);
    expect(view.body.currentStages.map((stage: { id: string }) => stage.id)).toEqual(['comments']);
    expect(mail.mails.filter((m) => /^(Rappel|Reminder)/.test(m.subject))).toEqual([]);
  });

  it('reminds and closes at the new instant, once', async () => {
    await waitFor(
      'the round to close',
      async () => (await records(t, contributionId)).some((record) => record.event_type === 'DEADLINE.comments'),
      15_000,
    );
    const trail = await records(t, contributionId);
    const fired = trail.filter((record) => record.event_type === 'DEADLINE.comments');
    expect(fired).toHaveLength(1);
    expect(fired[0]).toEqual(expect.objectContaining({ kind: 'transition', to_stages: ['editorial'] }));
    expect(fired[0].payload).toEqual(expect.objectContaining({ generation: 2 }));
    expect(Date.parse(fired[0].details.deadline.firedAt)).toBeGreaterThanOrEqual(Date.parse(newDue()));
    const reminders = await waitFor('the reminder e-mails', async () => {
      const found = mail.to('desk@c.example').filter((m) => m.subject.startsWith('Rappel'));
      return found.length === 2 ? found : undefined;
    });
    // Both reminders name the new date, in the participant's zone.
    const local = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(newDue()));
    expect(reminders.every((m) => m.subject.endsWith(local))).toBe(true);
    expect(mail.to('desk@a.example').filter((m) => m.subject.startsWith('Reminder'))).toEqual([]);
  });
});
