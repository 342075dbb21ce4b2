import { BODIES, SIGNATORIES } from '../../fixtures/seed-000';
import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { COMMENT_TEXT, DRAFT_PARAGRAPH, replaySeed000, Seed000Replay } from './transparency-replays';

/** Issue 5 acceptance: the engine writes seed 000's section II (and Annex 2) from its own audit trail. */
describe('key-stages report of the RCC Declaration (seed 000)', () => {
  let t: TestApp;
  let auditor: TestIdentity;
  let replay: Seed000Replay;

  beforeAll(async () => {
    t = await setup();
    auditor = await t.token('auditor');
    replay = await replaySeed000(t);
    await t.http().post('/audit/checkpoints').set(replay.secretariat.auth).expect(201);
  });

  afterAll(async () => t.close());

  const report = (format: string, auth = auditor.auth) => t.http().get(`/contributions/${replay.contributionId}/report`).query({ format }).set(auth);

  it('lists the stages of section II in the same order with the same dates', async () => {
    const { body } = await report('json').expect(200);
    const sectionTwo = ['drafting', 'proposals', 'wg-decision', 'editorial-session', 'joint-endorsement', 'board-endorsement', 'open-endorsement', 'high-level-event', 'unga-submission'];
    expect(body.stages.filter((stage: { stageId: string }) => sectionTwo.includes(stage.stageId)).map((stage: { stageId: string; when: { text: string } }) => [stage.stageId, stage.when.text])).toEqual([
      ['drafting', '4 – 20 December 2024'],
      ['proposals', '20 December 2024 – 13 January 2025'],
      ['wg-decision', '20 January 2025'],
      ['editorial-session', '24 April 2025'],
      ['joint-endorsement', '25 April 2025'],
      ['board-endorsement', '21 May 2025'],
      ['open-endorsement', '6 June 2025'],
      ['high-level-event', '7 – 11 July 2025'],
      ['unga-submission', '10 September 2025'],
    ]);
    // Section II mentions the Declaration's drafting and comment round between the decision and the editorial session, without dates.
    expect(body.stages.map((stage: { stageId: string }) => stage.stageId)).toEqual([...sectionTwo.slice(0, 3), 'declaration-drafting', 'declaration-comments', ...sectionTwo.slice(3)]);
    const sentence = (id: string) => body.stages.find((stage: { stageId: string }) => stage.stageId === id).sentence;
    expect(sentence('editorial-session')).toBe(
      '24 April 2025 – during the meeting of the RCC Working Group on Cooperation with ITU, an editorial session was held, during which RIPE NCC presented its proposals. Following the session, the text of the draft Declaration was finalized.',
    );
    expect(sentence('board-endorsement')).toBe(
      `21 May 2025 – the ${BODIES.board} endorsed the Declaration and resolved to publish it to facilitate its endorsement by other organizations.`,
    );
    expect(sentence('open-endorsement')).toBe(
      '6 June 2025 – the Declaration was open for endorsement during the Global Digital Forum (Nizhny Novgorod, Russian Federation); 39 parties have joined it (Annex: list of signatory parties).',
    );
    expect(sentence('unga-submission')).toBe(
      '10 September 2025 – the Declaration was submitted for consideration by the 80th session of the United Nations General Assembly under agenda item 15 “Information and communications technologies for sustainable development”.',
    );
    expect(body.stages.find((stage: { stageId: string }) => stage.stageId === 'proposals').responses).toEqual(expect.objectContaining({ organisations: 4, comments: 4 }));
  });

  it('annexes the 39 signatories of Annex 2 in joining order, counted by stakeholder type and region', async () => {
    const { body } = await report('json').expect(200);
    expect(body.signatories.map((s: { name: string }) => s.name)).toEqual(SIGNATORIES.map((s) => s.name));
    expect(body.signatories.filter((s: { channel: string }) => s.channel === 'event')).toHaveLength(SIGNATORIES.filter((s) => s.atGlobalDigitalForum).length);
    const byType = Object.fromEntries(body.endorsements.byStakeholderType.map((c: { key: string; count: number }) => [c.key, c.count]));
    for (const type of new Set(SIGNATORIES.map((s) => s.stakeholderType))) expect(byType[type]).toBe(SIGNATORIES.filter((s) => s.stakeholderType === type).length);
    const africa = body.endorsements.byRegion.find((c: { key: string }) => c.key === 'Africa');
    expect(africa.count).toBe(SIGNATORIES.filter((s) => s.region === 'Africa').length);
    expect(body.endorsements).toEqual(expect.objectContaining({ total: 39, awaitingVerification: 1, withdrawn: 1 }));
    expect(body.awaitingVerification.map((s: { name: string }) => s.name)).toEqual(['Unverified Digital Initiative']);
  });

  it('renders the same report as Markdown and as printable HTML', async () => {
    const markdown = await report('md').expect(200);
    expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
    expect(markdown.text).toContain('\n4 – 20 December 2024 – the RCC Executive Committee worked on drafting the initial version of the contribution.\n');
    expect(markdown.text).toContain('\n20 January 2025 – the RCC Working Group on Cooperation with ITU agreed upon the common input');
    expect(markdown.text).toContain('| 21 May 2025 | RCC Board of the Communications Administrations Heads | endorsed | resolved to publish the Declaration on the RCC web-site |');
    const annex = markdown.text.split('## Annex: list of signatory parties\n\n')[1].split('\n\n')[0].split('\n');
    expect(annex).toEqual(SIGNATORIES.map((s, index) => `${index + 1}. ${s.name.replace(/([\\`*_[\]<>|])/g, '\\$1')}${s.country ? ` (${s.country})` : ''}`));
    expect(markdown.text).toMatch(/Its hash chain verifies\. Signed checkpoint #1 \(.*\) vouches for records 1–\d+\./);

    const html = await report('html').expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text.match(/<li value="\d+">/g)).toHaveLength(39 + 1);
    expect(html.text).toContain('<p class="stage" data-stage="high-level-event">7 – 11 July 2025 – the Declaration was presented by the RCC Executive Committee at the WSIS+20 High-Level Event 2025 (Geneva, Switzerland).</p>');
  });

  it('publishes a public variant without drafts, comments, unverified signatures or personal names', async () => {
    for (const format of ['json', 'md', 'html']) {
      const response = await t.http().get(`/public/contributions/${replay.contributionId}/report`).query({ format }).expect(200);
      const text = format === 'json' ? JSON.stringify(response.body) : response.text;
      expect(text).toContain('Nuru Trust Network');
      expect(text).toContain('7 – 11 July 2025');
      for (const secret of [DRAFT_PARAGRAPH, COMMENT_TEXT, 'Olga Secretary', 'Unverified Digital Initiative', 'Withdrawn Consulting Ltd', 'received by e-mail']) {
        expect(text).not.toContain(secret);
      }
    }
    const { body } = await t.http().get(`/public/contributions/${replay.contributionId}/report`).expect(200);
    expect(body.variant).toBe('public');
    expect(body.signatories).toHaveLength(39);
    expect(body.stages.find((stage: { stageId: string }) => stage.stageId === 'proposals').responses).toEqual({ organisations: 4, comments: 4, noComment: 0, submissions: 0, published: 0 });
  });

  it('keeps the full report for auditors and the secretariat', async () => {
    const participant = await t.token('participant', 'RIPE NCC');
    await report('json', participant.auth).expect(403);
    await t.http().get(`/contributions/${replay.contributionId}/report`).expect(401);
    await report('json', replay.secretariat.auth).expect(200);
    await report('pdf').expect(400);
    await t.http().get('/public/contributions/00000000-0000-4000-8000-000000000000/report').expect(404);
    await t.http().get('/public/contributions/not-a-uuid/report').expect(400);
    const browser = await t.http().get(`/public/contributions/${replay.contributionId}/report`).set('Accept', 'text/html,application/xhtml+xml').expect(200);
    expect(browser.headers['content-type']).toMatch(/^text\/html/);
  });
});
