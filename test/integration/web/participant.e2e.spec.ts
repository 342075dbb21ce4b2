import { openContribution, send } from '../../utils/api';
import type { TestIdentity } from '../../utils/setup';
import { waitFor } from '../scheduling/support/scheduling-helpers';
import { mainTextOnce, startWeb, tableRows, WebTest } from './support/browser';

interface Notice {
  id: string;
  kind: string;
  subject: string;
  body: string;
  readAt: string | null;
}

/**
 * The participant inbox: notices (unread first, marked read), what is due for the organisation
 * and its calendar feed, commenting on a paragraph during a comment round, endorsing and
 * withdrawing for its own organisation, and nothing of another organisation's.
 */
describe('participant inbox', () => {
  let web: WebTest;
  let secretariat: TestIdentity;
  let belarus: TestIdentity;
  let armenia: TestIdentity;
  let georgia: TestIdentity;
  let round: string;
  let endorsement: string;
  let paragraphs: string[];

  const inbox = async (who: TestIdentity): Promise<Notice[]> => (await web.t.http().get('/me/notifications').set(who.auth).expect(200)).body.items;

  beforeAll(async () => {
    // Workers run, so invitations and new dates reach the inbox as they do in production.
    web = await startWeb({ workers: true, env: { RELAY_POLL_MS: '200' } });
    secretariat = await web.t.token('secretariat');
    belarus = await web.t.token('participant', 'Administration of Belarus', { name: 'Desk officer, Belarus', timeZone: 'Europe/Minsk' });
    armenia = await web.t.token('participant', 'Administration of Armenia');
    georgia = await web.t.token('participant', 'Administration of Georgia');

    ({ id: round } = await openContribution(web.t, secretariat, { workflow: 'rcc-declaration', symbol: 'RCC/1', title: 'Common input to WSIS+20' }));
    const version = await send(web.t, secretariat, round, {
      type: 'RECORD_VERSION',
      payload: { label: 'initial version', paragraphs: [{ text: 'recognizing the twenty years of WSIS,' }, { text: 'noting the growing dependence on ICTs,' }, { text: 'calls upon all stakeholders.' }] },
    });
    paragraphs = (version.transition as unknown as { details: { textVersion: { paragraphIds: string[] } } }).details.textVersion.paragraphIds;
    await send(web.t, secretariat, round, { type: 'SHARE_DRAFT', payload: { deadline: '2099-01-31' } });
    await send(web.t, secretariat, round, { type: 'INVITE', payload: { organisationIds: [belarus.organisationId, armenia.organisationId] } });
    await send(web.t, secretariat, round, { type: 'EXTEND_DEADLINE', payload: { dueAt: '2099-03-14' }, reason: 'national consultations' });

    ({ id: endorsement } = await openContribution(web.t, secretariat, { workflow: 'rcc-declaration', symbol: 'RCC/2', title: 'Declaration open for endorsement' }));
    await toOpenEndorsement(endorsement);

    await waitFor('the invitation and the new date in the inbox', async () => {
      const kinds = (await inbox(belarus)).map((notice) => notice.kind);
      return kinds.includes('invitation') && kinds.includes('deadline_extended');
    });
  }, 30_000);

  afterAll(async () => web?.close());

  async function toOpenEndorsement(id: string): Promise<void> {
    const steps: Array<[string, Record<string, unknown>]> = [
      ['RECORD_VERSION', { paragraphs: [{ text: 'the Declaration' }] }],
      ['SHARE_DRAFT', { deadline: '2099-01-31' }],
      ['CLOSE_ROUND', {}],
      ['DECIDE', { outcome: 'endorsed' }],
      ['SHARE_DRAFT', { deadline: '2099-01-31' }],
      ['CLOSE_ROUND', {}],
      ['FINALISE_TEXT', {}],
      ['DECIDE', { outcome: 'endorsed' }],
      ['DECIDE', { outcome: 'endorsed' }],
    ];
    for (const [type, payload] of steps) await send(web.t, secretariat, id, { type, payload });
  }

  it('shows its notices unread first and marks one read', async () => {
    // The two notices are written by concurrent jobs, so either may be the newer one.
    const [newer, older] = await inbox(belarus);
    const invitation = [newer, older].find((notice) => notice.kind === 'invitation')!;
    const page = await web.open('/app/participant', belarus.token);
    await mainTextOnce(page, invitation.subject);
    expect(await page.locator('#unread-count').innerText()).toBe('2 unread');
    expect(await page.locator('article h3').allInnerTexts()).toEqual([newer.subject, older.subject]);
    const article = (subject: string) => page.locator('article').filter({ has: page.getByRole('heading', { name: subject, exact: true }) });
    expect(await article(invitation.subject).innerText()).toContain('Unread');
    expect(await article(invitation.subject).innerText()).toContain('(Europe/Moscow)');

    await article(newer.subject).getByRole('button', { name: 'Mark as read' }).click();
    await page.locator('#unread-count').getByText('1 unread').waitFor();
    expect(await article(newer.subject).locator('.meta').innerText()).toMatch(/^Read · received /);
    // The notice still unread now comes first, although it is the older one.
    expect(await page.locator('article h3').allInnerTexts()).toEqual([older.subject, newer.subject]);
    expect(await article(newer.subject).getByRole('button', { name: 'Mark as read' }).count()).toBe(0);
    expect(await article(older.subject).getByRole('button', { name: 'Mark as read' }).count()).toBe(1);
    const after = await inbox(belarus);
    expect(after.find((n) => n.id === newer.id)!.readAt).not.toBeNull();
    expect(after.find((n) => n.id === older.id)!.readAt).toBeNull();
    expect(web.problems).toEqual([]);
  });

  it("follows a notice's link to that contribution on the participant's own page", async () => {
    const invitation = (await inbox(belarus)).find((notice) => notice.kind === 'invitation')!;
    const link = /https?:\/\/\S+?(\/app\/\?contribution=[0-9a-f-]{36})/.exec(invitation.body);
    expect(link?.[1]).toBe(`/app/?contribution=${round}`);
    const page = await web.open(link![1], belarus.token);
    await page.waitForURL(`**/app/participant?contribution=${round}`);
    await mainTextOnce(page, 'RCC/1 – Common input to WSIS+20');
    expect(web.problems).toEqual([]);
  });

  it("shows what is due for its organisation in the deadline's own zone, and links its calendar feed", async () => {
    const page = await web.open('/app/participant', belarus.token);
    expect(await tableRows(page, /^Pending deadlines/)).toEqual([
      ['RCC/1 – Common input to WSIS+20', 'Proposals from Communications Administrations', 'Saturday 14 March 2099, 23:59 (Europe/Moscow)', 'has not acted yet'],
    ]);
    const href = await page.getByRole('link', { name: 'Calendar feed of your deadlines (iCalendar)' }).getAttribute('href');
    expect(href).toBe(`/me/calendar.ics?token=${encodeURIComponent(belarus.token)}`);
    const feed = await page.request.get(href!);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toMatch(/^text\/calendar/);
    expect((await feed.text()).replace(/\r\n[ \t]/g, '')).toContain('SUMMARY:Deadline: Proposals from Communications Administrations – Common input to WSIS+20 (RCC/1)');
    const open = await tableRows(page, 'Contributions in which your organisation can act now');
    expect(open.map((row) => [row[0], row[3]])).toEqual([
      ['RCC/2', 'endorse (or withdraw an endorsement)'],
      ['RCC/1', 'comment, declare “no comment”'],
    ]);

    // An organisation that was not invited has nothing due and no comment round to act in.
    const outsider = await web.open('/app/participant', georgia.token);
    expect(await mainTextOnce(outsider, 'Nothing is due for your organisation.')).not.toContain('Common input to WSIS+20');
    expect((await tableRows(outsider, 'Contributions in which your organisation can act now')).map((row) => row[0])).toEqual(['RCC/2']);
  });

  it("comments on a paragraph, and sees its own organisation's comments and no other's", async () => {
    await web.t.http().post(`/contributions/${round}/comments`).set(armenia.auth).send({ text: 'Armenian position, not for other administrations', paragraphId: paragraphs[0] }).expect(201);
    const page = await web.open(`/app/participant?contribution=${round}`, belarus.token);
    await page.getByRole('button', { name: 'Comment on paragraph 2' }).click();
    await page.getByLabel('Your comment on paragraph 2').fill('Say "inclusive and secure" ICTs.');
    await page.getByLabel('Proposed wording (optional)').fill('noting the growing dependence on inclusive and secure ICTs,');
    await page.getByRole('button', { name: 'Send comment' }).click();
    const text = await mainTextOnce(page, 'your comment on paragraph 2 was sent for Administration of Belarus.');
    expect(await tableRows(page, 'Comments sent by your organisation')).toEqual([
      ['paragraph 2 of version 1', 'Say "inclusive and secure" ICTs.', 'noting the growing dependence on inclusive and secure ICTs,', 'active', 'none yet'],
    ]);
    expect(text).not.toContain('Armenia');
    expect(await tableRows(page, /^Pending deadlines/)).toEqual([expect.arrayContaining(['has acted'])]);

    const { body } = await web.t.http().get(`/contributions/${round}/comments`).set(secretariat.auth).expect(200);
    const mine = body.items.find((c: { organisation: { id: string } }) => c.organisation.id === belarus.organisationId);
    expect(mine).toEqual(expect.objectContaining({ text: 'Say "inclusive and secure" ICTs.', author: expect.objectContaining({ role: 'participant' }) }));
    expect(mine.about.paragraph).toEqual(expect.objectContaining({ id: paragraphs[1], position: 2 }));
    expect(body.items).toHaveLength(2);
    expect(web.problems).toEqual([]);
  });

  it('endorses and withdraws for its own organisation only', async () => {
    await send(web.t, armenia, endorsement, { type: 'ENDORSE', payload: { channel: 'online' } });
    const page = await web.open(`/app/participant?contribution=${endorsement}`, belarus.token);
    expect(await page.locator('#endorsement-state').innerText()).toBe('not endorsed.');
    await page.getByRole('button', { name: 'Endorse for Administration of Belarus' }).click();
    await mainTextOnce(page, 'Administration of Belarus endorsed the text.');
    expect(await page.locator('#endorsement-state').innerText()).toMatch(/^endorsed on \d{4}-\d{2}-\d{2}; awaiting verification by the secretariat before it is listed\.$/);

    await send(web.t, secretariat, endorsement, { type: 'VERIFY_SIGNATORY', payload: { organisationId: belarus.organisationId } });
    await page.reload();
    await page.locator('#endorsement-state').getByText('listed as signatory number 1').waitFor();
    // Armenia's signature, still awaiting verification, is not Belarus's business.
    expect(await page.locator('main').innerText()).not.toContain('Armenia');
    // Only its own organisation's actions: nothing the secretariat does, nothing naming another organisation.
    const buttons = await page.locator('main button').allInnerTexts();
    expect(buttons.filter((name) => /VERIFY|CLOSE|PRESENT|SUBMIT|INVITE|Armenia|Georgia/.test(name))).toEqual([]);
    expect(await page.locator('main select').count()).toBe(0);

    await page.getByLabel('Reason for withdrawing (optional)').fill('the ministry changed its position');
    await page.getByRole('button', { name: 'Withdraw the endorsement of Administration of Belarus' }).click();
    await mainTextOnce(page, 'Administration of Belarus withdrew its endorsement.');
    expect(await page.locator('#endorsement-state').innerText()).toBe('not endorsed.');

    const { body } = await web.t.http().get(`/contributions/${endorsement}/signatories`).set(secretariat.auth).expect(200);
    const own = body.items.find((s: { organisation: { id: string } }) => s.organisation.id === belarus.organisationId);
    expect(own).toEqual(expect.objectContaining({ status: 'withdrawn', recordedBy: 'participant', withdrawalReason: 'the ministry changed its position' }));
    expect(web.problems).toEqual([]);
  });
});
