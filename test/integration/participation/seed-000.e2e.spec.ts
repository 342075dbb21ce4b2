import { DRAFT_DECLARATION, FINAL_TEXT, INITIAL_DRAFT } from '../../fixtures/declaration-text';
import { ADMINISTRATIONS, replaySeed000, RIPE_NCC, Seed000Ids, UNVERIFIED, WITHDRAWN } from '../../fixtures/replay-seed-000';
import { BODIES, SIGNATORIES, TIMELINE } from '../../fixtures/seed-000';
import { send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { readCsv } from './support/csv';

const byCountry = (country: string) => ADMINISTRATIONS.find((a) => a.country === country)!.name;

/** Issue 4 acceptance: seed 000 replayed through the participation API, from the first draft to the Annex 2 signatories. */
describe('RCC Declaration on WSIS+20: comments, editorial session, decisions and signatories', () => {
  let t: TestApp;
  let auditor: TestIdentity;
  let replay: Seed000Ids;
  const get = (path: string, as: TestIdentity = auditor) => t.http().get(`/contributions/${replay.contributionId}${path}`).set(as.auth);

  beforeAll(async () => {
    t = await setup();
    auditor = await t.token('auditor');
    replay = await replaySeed000(t);
  });

  afterAll(async () => t.close());

  it('keeps three versions with stable paragraph ids, diffable paragraph by paragraph', async () => {
    const { body } = await get('/versions').expect(200);
    expect(body.items.map((v: { number: number; label: string; stage: string }) => [v.number, v.stage, v.label])).toEqual([
      [1, 'drafting', 'initial version of the RCC contribution to WSIS+20'],
      [2, 'declaration-drafting', 'draft Declaration'],
      [3, 'editorial-session', 'Declaration as finalised at the editorial session'],
    ]);
    const diff = await get('/versions/2/diff/3').expect(200);
    expect(diff.body.paragraphs.map((p: { status: string; after: { text: string } | null; before: { text: string } | null }) => [p.status, (p.after ?? p.before)!.text.slice(0, 30)])).toEqual([
      ['unchanged', DRAFT_DECLARATION[0].text.slice(0, 30)],
      ['unchanged', DRAFT_DECLARATION[1].text.slice(0, 30)],
      ['changed', FINAL_TEXT[2].text.slice(0, 30)],
      ['changed', FINAL_TEXT[3].text.slice(0, 30)],
      ['unchanged', DRAFT_DECLARATION[4].text.slice(0, 30)],
      ['removed', DRAFT_DECLARATION[5].text.slice(0, 30)],
      ['added', FINAL_TEXT[5].text.slice(0, 30)],
      ['changed', FINAL_TEXT[6].text.slice(0, 30)],
      ['added', FINAL_TEXT[7].text.slice(0, 30)],
    ]);
    expect(diff.body.summary).toEqual({ added: 2, removed: 1, changed: 3, unchanged: 3, moved: 0 });
    const compliance = diff.body.paragraphs[2];
    expect(compliance.paragraphId).toBe(replay.paragraphs.get('compliance'));
    expect(compliance.words).toEqual(expect.arrayContaining([{ op: 'insert', text: expect.stringContaining('international law') }]));
  });

  it('has comments from several administrations, each showing its paragraph as commented and where that paragraph is now', async () => {
    const { body } = await get('/comments').expect(200);
    expect(body.items).toHaveLength(11);
    const round = body.items.filter((c: { stage: string }) => c.stage === 'declaration-comments');
    expect(new Set(round.map((c: { organisation: { name: string } }) => c.organisation.name))).toEqual(
      new Set([byCountry('Belarus'), byCountry('Kazakhstan'), byCountry('Russian Federation'), byCountry('Armenia'), byCountry('Uzbekistan'), RIPE_NCC]),
    );
    const belarus = round.find((c: { organisation: { name: string } }) => c.organisation.name === byCountry('Belarus'));
    expect(belarus).toEqual(
      expect.objectContaining({
        text: 'Refer to international law as well as national legislation.',
        revision: 2,
        about: { scope: 'paragraph', version: { id: replay.versions.draftDeclaration, number: 2 }, paragraph: { id: replay.paragraphs.get('compliance'), position: 3, text: DRAFT_DECLARATION[2].text } },
        now: { version: { id: replay.versions.final, number: 3 }, paragraph: { status: 'changed', position: 3, text: FINAL_TEXT[2].text } },
        disposition: expect.objectContaining({ disposition: 'accepted', session: { id: replay.sessionId, date: '2025-04-24', body: BODIES.workingGroup } }),
      }),
    );
    const ripeOnGovernance = round.find((c: { organisation: { name: string }; about: { paragraph: { id: string } | null } }) => c.organisation.name === RIPE_NCC && c.about.paragraph?.id === replay.paragraphs.get('governance'));
    expect(ripeOnGovernance.about.paragraph.text).toBe(DRAFT_DECLARATION[5].text);
    expect(ripeOnGovernance.now.paragraph).toEqual({ status: 'removed', position: null, text: null });
    const russia = round.find((c: { organisation: { name: string } }) => c.organisation.name === byCountry('Russian Federation'));
    expect(russia.about).toEqual({ scope: 'whole_text', version: { id: replay.versions.draftDeclaration, number: 2 }, paragraph: null });
    const firstRound = body.items.find((c: { stage: string; about: { paragraph: { id: string } | null } }) => c.stage === 'proposals' && c.about.paragraph?.id === replay.paragraphs.get('infrastructure'));
    expect(firstRound.about.paragraph.text).toBe(INITIAL_DRAFT[2].text);
    expect(firstRound.now.paragraph.status).toBe('removed');
    expect(body.noComment).toEqual([expect.objectContaining({ stage: 'declaration-comments', organisation: expect.objectContaining({ name: byCountry('Kyrgyzstan') }) })]);
  });

  it('answers who was asked and who responded, RIPE NCC responding without an invitation', async () => {
    const { body } = await get('/invitations?stage=declaration-comments').expect(200);
    const [stage] = body.stages;
    expect(stage).toEqual(expect.objectContaining({ stage: 'declaration-comments', invited: 9, responded: 7, respondedWithoutInvitation: 1 }));
    const line = (name: string) => stage.organisations.find((o: { organisation: { name: string } }) => o.organisation.name === name);
    expect(line(RIPE_NCC)).toEqual(expect.objectContaining({ invited: false, response: 'comments', comments: 2 }));
    expect(line(byCountry('Kyrgyzstan'))).toEqual(expect.objectContaining({ invited: true, response: 'no_comment' }));
    expect(line(byCountry('Tajikistan'))).toEqual(expect.objectContaining({ invited: true, response: null }));
    const ripe = await t.http().get(`/organisations/${replay.organisations.get(RIPE_NCC)}`).set(auditor.auth).expect(200);
    expect(ripe.body).toEqual(expect.objectContaining({ stakeholderType: 'technical_community', country: 'Netherlands', memberships: ['ITU Sector Member'] }));
  });

  it('records the editorial session: RIPE NCC presented its proposals, every comment got a disposition, the finalised text is its outcome', async () => {
    const { body } = await get('/sessions').expect(200);
    expect(body.items).toEqual([
      expect.objectContaining({
        id: replay.sessionId,
        stage: 'editorial-session',
        body: BODIES.workingGroup,
        date: '2025-04-24',
        outcomeVersion: expect.objectContaining({ id: replay.versions.final, number: 3 }),
        presentations: [expect.objectContaining({ organisation: { id: replay.organisations.get(RIPE_NCC), name: RIPE_NCC }, summary: 'RIPE NCC presented its proposals to the draft Declaration', comments: expect.any(Array) })],
        dispositions: { accepted: 2, accepted_with_changes: 3, not_accepted: 1, noted: 5 },
      }),
    ]);
    expect(body.items[0].presentations[0].comments).toHaveLength(2);
  });

  it('exports the resolution matrix listing every comment with its disposition, as JSON and CSV', async () => {
    const json = await get('/resolution-matrix').expect(200);
    const expected = replay.comments.map((c) => [c.id, c.organisation, c.disposition.replace(/_/g, ' '), c.rationale, '2025-04-24']);
    expect(json.body.rows.map((r: { commentId: string; organisation: string; disposition: string; rationale: string; session: { date: string } }) => [r.commentId, r.organisation, r.disposition, r.rationale, r.session.date]).sort()).toEqual(expected.sort());
    expect(json.body.rows.slice(0, 4).map((r: { round: string }) => r.round)).toEqual(['proposals', 'proposals', 'proposals', 'proposals']);
    const belarus = json.body.rows.find((r: { organisation: string; round: string }) => r.organisation === byCountry('Belarus') && r.round === 'declaration-comments');
    expect(belarus).toEqual(expect.objectContaining({ version: 2, paragraph: '3', paragraphText: DRAFT_DECLARATION[2].text, comment: 'Refer to international law as well as national legislation.' }));

    const csv = await get('/resolution-matrix?format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = readCsv(csv.text);
    expect(header).toEqual(['round', 'version', 'paragraph', 'paragraph_text', 'organisation', 'comment', 'proposed_text', 'submitted_at', 'disposition', 'rationale', 'session_date', 'session_body', 'comment_id']);
    expect(rows.map((row) => [row[12], row[4], row[8], row[9], row[10]]).sort()).toEqual(expected.sort());
    expect(rows.every((row) => row[11] === BODIES.workingGroup)).toBe(true);
    await get('/resolution-matrix', await t.token('participant', byCountry('Belarus'))).expect(403);
  });

  it('stores the body decisions at their dated meetings, on the text each decided', async () => {
    const { body } = await get('/decisions').expect(200);
    expect(body.items.map((d: { body: string; outcome: string; meeting: { date: string }; version: { number: number } }) => [d.body, d.outcome, d.meeting.date, d.version.number])).toEqual([
      [BODIES.workingGroup, 'endorsed', '2025-01-20', 1],
      [BODIES.jointMeeting, 'endorsed', '2025-04-25', 3],
      [BODIES.board, 'endorsed', '2025-05-21', 3],
    ]);
  });

  it('publishes Annex 2: verified signatories in joining order, with country and stakeholder type, without a token', async () => {
    const { body } = await t.http().get(`/public/contributions/${replay.contributionId}/signatories`).expect(200);
    expect(body.count).toBe(39);
    expect(body.items.map((s: { position: number; name: string; country: string | null; stakeholderType: string }) => [s.position, s.name, s.country, s.stakeholderType])).toEqual(
      SIGNATORIES.map((s, index) => [index + 1, s.name, s.country, s.stakeholderType]),
    );
    const atForum = body.items.filter((s: { channel: string }) => s.channel === 'event');
    expect(atForum).toHaveLength(SIGNATORIES.filter((s) => s.atGlobalDigitalForum).length);
    expect(atForum.every((s: { event: string; joinedOn: string }) => s.event === TIMELINE.globalDigitalForum.name && s.joinedOn === '2025-06-06')).toBe(true);
    expect(JSON.stringify(body)).not.toContain(UNVERIFIED);
    expect(JSON.stringify(body)).not.toContain(WITHDRAWN);
  });

  it('froze the Declaration as submitted: recipient, agenda item, final text, the 39 signatories', async () => {
    const { body } = await t.http().get(`/public/contributions/${replay.contributionId}/as-submitted`).expect(200);
    expect(body).toEqual(
      expect.objectContaining({
        recipient: TIMELINE.submission.recipient,
        agendaItem: '15',
        agendaTitle: TIMELINE.submission.agendaTitle,
        text: expect.objectContaining({ version: 3, paragraphs: FINAL_TEXT.map((p) => p.text) }),
      }),
    );
    expect(body.signatories.map((s: { name: string }) => s.name)).toEqual(SIGNATORIES.map((s) => s.name));
    expect(body.cosponsors).toEqual([]);
  });

  it('shows the public the endorsed text and never a draft', async () => {
    const { body } = await t.http().get(`/public/contributions/${replay.contributionId}/text`).expect(200);
    expect(body).toEqual(expect.objectContaining({ version: 3, paragraphs: FINAL_TEXT.map((p) => p.text), basis: expect.objectContaining({ kind: 'submitted' }) }));
    await t.http().get(`/contributions/${replay.contributionId}/versions`).expect(401);
    await t.http().get(`/contributions/${replay.contributionId}/versions/1`).expect(401);
    await t.http().get(`/contributions/${replay.contributionId}/comments`).expect(401);
    const everything = await Promise.all(['signatories', 'as-submitted', 'text', 'report'].map((path) => t.http().get(`/public/contributions/${replay.contributionId}/${path}`).expect(200)));
    const published = everything.map((response) => JSON.stringify(response.body)).join('\n');
    // Drafted paragraphs that did not survive word for word into the final text.
    const drafts = [INITIAL_DRAFT[0], INITIAL_DRAFT[2], INITIAL_DRAFT[3], DRAFT_DECLARATION[2], DRAFT_DECLARATION[5]];
    for (const draft of drafts) expect(published.includes(draft.text)).toBe(false);
    for (const comment of ['Refer to international law', 'multistakeholder model']) expect(published.includes(comment)).toBe(false);
  });

  it('lists a self-registered signatory once verified; a withdrawal leaves the public list but stays in the audit trail and the frozen copy', async () => {
    const secretariat = replay.secretariat;
    await send(t, secretariat, replay.contributionId, { type: 'VERIFY_SIGNATORY', payload: { organisationId: replay.unverified } });
    let list = (await t.http().get(`/public/contributions/${replay.contributionId}/signatories`).expect(200)).body;
    expect(list.items.map((s: { name: string }) => s.name)).toEqual([...SIGNATORIES.map((s) => s.name), UNVERIFIED]);

    const leaving = SIGNATORIES[24];
    const member = await t.token('participant', leaving.name);
    const withdrawal = await send(t, member, replay.contributionId, { type: 'WITHDRAW_ENDORSEMENT', payload: { reason: 'no longer supports paragraph 12' } });
    list = (await t.http().get(`/public/contributions/${replay.contributionId}/signatories`).expect(200)).body;
    expect(list.count).toBe(39);
    expect(list.items.map((s: { name: string }) => s.name)).not.toContain(leaving.name);
    expect(list.items[24]).toEqual(expect.objectContaining({ position: 25, name: SIGNATORIES[25].name }));

    const organisationId = replay.organisations.get(leaving.name);
    const trail = (await get('/transitions').expect(200)).body.items.filter((r: { organisationId: string }) => r.organisationId === organisationId);
    expect(trail.map((r: { eventType: string; seq: number }) => r.eventType)).toEqual(['ENDORSE', 'WITHDRAW_ENDORSEMENT']);
    expect(trail[1].seq).toBe(withdrawal.transition.seq);
    expect((await t.http().get('/audit/verify').query({ contributionId: replay.contributionId }).set(auditor.auth).expect(200)).body.ok).toBe(true);

    const all = (await get('/signatories', secretariat).expect(200)).body.items;
    expect(all.find((s: { organisation: { id: string } }) => s.organisation.id === organisationId)).toEqual(
      expect.objectContaining({ status: 'withdrawn', withdrawalReason: 'no longer supports paragraph 12', position: null }),
    );
    expect(all.find((s: { organisation: { id: string } }) => s.organisation.id === replay.withdrawn)).toEqual(expect.objectContaining({ status: 'withdrawn', withdrawalReason: 'asked to be removed' }));
    const frozen = (await t.http().get(`/public/contributions/${replay.contributionId}/as-submitted`).expect(200)).body;
    expect(frozen.signatories.map((s: { name: string }) => s.name)).toContain(leaving.name);
    const again = await t.http().post(`/contributions/${replay.contributionId}/events`).set(member.auth).send({ type: 'WITHDRAW_ENDORSEMENT' }).expect(409);
    expect(again.body.error).toBe('not_joined');
  });
});
