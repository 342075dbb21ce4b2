import { DRAFT_DECLARATION, FINAL_TEXT, INITIAL_DRAFT } from '../../fixtures/declaration-text';
import { replaySeed000, UNVERIFIED, WITHDRAWN } from '../../fixtures/replay-seed-000';
import { CONTRIBUTION, SIGNATORIES, TIMELINE } from '../../fixtures/seed-000';
import { openContribution, send } from '../../utils/api';
import { mainTextOnce, startWeb, tableRows, WebTest } from './support/browser';

const DRAFT_ONLY = 'DRAFT ONLY: a paragraph no body has agreed to';

/** The public page, with no token: the final text, the signatories (Annex 2) and the key stages, never a draft. */
describe('public page', () => {
  let web: WebTest;
  let contributionId: string;
  let draftOnly: string;

  beforeAll(async () => {
    web = await startWeb();
    ({ contributionId } = await replaySeed000(web.t));
    const secretariat = await web.t.token('secretariat');
    ({ id: draftOnly } = await openContribution(web.t, secretariat, { workflow: 'rcc-declaration', symbol: 'RCC/DRAFT', title: 'A text still in drafting' }));
    await send(web.t, secretariat, draftOnly, { type: 'RECORD_VERSION', payload: { paragraphs: [{ text: DRAFT_ONLY }] } });
    await send(web.t, secretariat, draftOnly, { type: 'SHARE_DRAFT', payload: { deadline: '2099-01-31' } });
  }, 30_000);

  afterAll(async () => web?.close());

  it('shows the final text, the signatories in joining order and the key stages, with no token sent', async () => {
    const page = await web.open(`/app/public/${contributionId}`);
    const authorization: Array<string | undefined> = [];
    page.on('request', (request) => authorization.push(request.headers().authorization));
    await page.reload();
    const text = await mainTextOnce(page, 'Key stages');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`${CONTRIBUTION.symbol} – ${CONTRIBUTION.title}`);
    expect(await page.locator('ol.paragraphs li').allInnerTexts()).toEqual(FINAL_TEXT.map((p) => p.text));
    expect(text).toContain(`Version 3, Declaration as finalised at the editorial session (submitted to ${TIMELINE.submission.recipient}`);

    const signatories = await tableRows(page, 'Signatories in joining order');
    expect(signatories.map((row) => [row[0], row[1]])).toEqual(SIGNATORIES.map((s, index) => [String(index + 1), s.name]));
    const forum = signatories.filter((row) => row[6].startsWith('at '));
    expect(forum).toHaveLength(SIGNATORIES.filter((s) => s.atGlobalDigitalForum).length);
    expect(forum[0][6]).toContain(TIMELINE.globalDigitalForum.name);
    expect(text).toContain(`${SIGNATORIES.length} parties have joined`);
    // A signature awaiting verification and a withdrawn one are not public.
    expect(text).not.toContain(UNVERIFIED);
    expect(text).not.toContain(WITHDRAWN);

    const report = (await web.t.http().get(`/public/contributions/${contributionId}/report?format=json`).expect(200)).body;
    expect(await page.locator('ol.stages li').allInnerTexts()).toEqual(report.stages.map((stage: { sentence: string }) => stage.sentence));
    expect(text).toContain(`Audit trail: ${report.integrity.records} records, head hash ${report.integrity.headHash}; chain verified.`);
    expect(await page.getByRole('link', { name: 'Printable key-stages report (HTML)' }).getAttribute('href')).toBe(`/public/contributions/${contributionId}/report?format=html`);

    // Earlier drafts and comments are never on the public page.
    const draftsOnly = [...INITIAL_DRAFT, ...DRAFT_DECLARATION].filter((draft) => !FINAL_TEXT.some((final) => final.text.includes(draft.text)));
    expect(draftsOnly.length).toBeGreaterThan(3);
    for (const draft of draftsOnly) expect(text).not.toContain(draft.text);
    expect(text).not.toContain('Refer to international law');
    expect(authorization.filter(Boolean)).toEqual([]);
    expect(authorization.length).toBeGreaterThan(3);
    expect(web.problems).toEqual([]);
  });

  it('says "not yet published" while there is only a draft, and never shows the draft', async () => {
    const page = await web.open(`/app/public/${draftOnly}`);
    const text = await mainTextOnce(page, 'Not yet published');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('RCC/DRAFT – A text still in drafting');
    expect(text).not.toContain(DRAFT_ONLY);
    expect(text).toContain('No signatories yet.');
    expect(await page.locator('ol.stages li').count()).toBeGreaterThan(0);
    expect(await page.locator('ol.paragraphs').count()).toBe(0);
  });

  it('says so when there is no such contribution', async () => {
    const page = await web.open('/app/public/00000000-0000-4000-8000-000000000000');
    expect(await mainTextOnce(page, 'There is no contribution with this address.')).not.toContain('Final text');
  });
});
