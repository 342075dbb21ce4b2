import { openContribution, postEvent, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';

/**
 * Issue 4 acceptance: a participant acts and reads for its own organisation only; the public sees
 * what a body agreed or a respondent consented to publish, never a draft. Deadlines are checked
 * per organisation (its own extension, else the general deadline).
 */
describe('who may act and read in the participation domain', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;
  let belarus: TestIdentity;
  let kyrgyzstan: TestIdentity;
  let outsider: TestIdentity;
  let round: string;
  const SECRET_DRAFT = 'DRAFT ONLY: recognizing that digitalization has penetrated all spheres of societal life';

  beforeAll(async () => {
    t = await setup();
    secretariat = await t.token('secretariat', undefined, { name: 'Olga Secretary' });
    auditor = await t.token('auditor');
    belarus = await t.token('participant', 'Ministry of Communications and Informatization of the Republic of Belarus');
    kyrgyzstan = await t.token('participant', 'Ministry of Digital Development and Innovative Technologies of the Kyrgyz Republic');
    outsider = await t.token('participant', 'Uninvited Consulting');
    ({ id: round } = await openContribution(t, secretariat, { workflow: 'rcc-declaration', title: 'RCC contribution to WSIS+20' }));
  });

  afterAll(async () => t.close());

  const path = (suffix: string, id = round) => `/contributions/${id}${suffix}`;

  describe('drafts', () => {
    it('shows a draft to the secretariat only until it is shared, and never to the public', async () => {
      const recorded = await t.http().post(path('/versions')).set(secretariat.auth).send({ label: 'initial draft', paragraphs: [{ text: SECRET_DRAFT }, { text: 'noting the dependence on ICTs' }] }).expect(201);
      expect(recorded.body).toEqual(expect.objectContaining({ number: 1, stage: 'drafting', sharedAt: null }));

      expect((await t.http().get(path('/versions')).set(belarus.auth).expect(200)).body.items).toEqual([]);
      await t.http().get(path('/versions/1')).set(belarus.auth).expect(404);
      await t.http().get(path('/versions/1/diff/1')).set(belarus.auth).expect(404);
      await t.http().get(path('/versions/1')).set(auditor.auth).expect(200);
      await t.http().get(path('/versions')).expect(401);
      await t.http().get(path('/comments')).expect(401);
      const text = await t.http().get(`/public/contributions/${round}/text`).expect(404);
      expect(text.body.message).toContain('drafts are not public');
      const report = await t.http().get(`/public/contributions/${round}/report`).expect(200);
      expect(JSON.stringify(report.body)).not.toContain(SECRET_DRAFT);
      // Only the secretariat records versions.
      await t.http().post(path('/versions')).set(belarus.auth).send({ paragraphs: [{ text: 'our own text' }] }).expect(403);

      await send(t, secretariat, round, { type: 'SHARE_DRAFT', payload: { deadline: '2099-01-13' } });
      const shared = await t.http().get(path('/versions/1')).set(belarus.auth).expect(200);
      expect(shared.body.paragraphs.map((p: { text: string }) => p.text)).toEqual([SECRET_DRAFT, 'noting the dependence on ICTs']);
      // Participants see the role that wrote a version, not the person.
      expect(shared.body.author).toEqual({ role: 'secretariat' });
      // Shared with participants is still not public: no body has agreed it.
      await t.http().get(`/public/contributions/${round}/text`).expect(404);
    });
  });

  describe('comment round', () => {
    let paragraphId: string;
    let belarusComment: string;

    beforeAll(async () => {
      await send(t, secretariat, round, { type: 'INVITE', payload: { organisationIds: [belarus.organisationId, kyrgyzstan.organisationId] } });
      paragraphId = (await t.http().get(path('/versions/1')).set(belarus.auth).expect(200)).body.paragraphs[0].id;
    });

    it('refuses a comment for another organisation (403), through the convenience route and the events route alike', async () => {
      const viaRoute = await t.http().post(path('/comments')).set(belarus.auth).send({ text: 'on behalf of Kyrgyzstan', organisationId: kyrgyzstan.organisationId }).expect(403);
      expect(viaRoute.body.error).toBe('wrong_organisation');
      await postEvent(t, belarus, round, { type: 'COMMENT', payload: { text: 'on behalf of Kyrgyzstan', organisationId: kyrgyzstan.organisationId } }).expect(403);
      await postEvent(t, belarus, round, { type: 'NO_COMMENT', payload: { organisationId: kyrgyzstan.organisationId } }).expect(403);
      const uninvited = await t.http().post(path('/comments')).set(outsider.auth).send({ text: 'we were not asked' }).expect(403);
      expect(uninvited.body.error).toBe('not_invited');
      expect((await t.http().get(path('/comments')).set(auditor.auth).expect(200)).body.items).toEqual([]);
    });

    it('lets an organisation comment on a paragraph, and edit or withdraw only its own comments', async () => {
      const created = await t.http().post(path('/comments')).set(belarus.auth).send({ text: 'Name the Summit in full', paragraphId, proposedText: 'recognizing that over the 22 years since the start of the WSIS process' }).expect(201);
      belarusComment = created.body.id;
      expect(created.body).toEqual(
        expect.objectContaining({ organisation: expect.objectContaining({ id: belarus.organisationId }), about: expect.objectContaining({ scope: 'paragraph', paragraph: { id: paragraphId, position: 1, text: SECRET_DRAFT } }) }),
      );
      await t.http().post(path('/comments')).set(kyrgyzstan.auth).send({ text: 'We support the text as a whole' }).expect(201);

      const edited = await t.http().patch(path(`/comments/${belarusComment}`)).set(belarus.auth).send({ text: 'Name the World Summit on the Information Society in full' }).expect(200);
      expect(edited.body).toEqual(expect.objectContaining({ revision: 2, text: 'Name the World Summit on the Information Society in full', proposedText: expect.stringContaining('22 years') }));
      const notYours = await t.http().patch(path(`/comments/${belarusComment}`)).set(kyrgyzstan.auth).send({ text: 'rewritten by someone else' }).expect(403);
      expect(notYours.body.error).toBe('not_yours');
      await postEvent(t, kyrgyzstan, round, { type: 'WITHDRAW_COMMENT', payload: { commentId: belarusComment } }).expect(403);
      const unknownField = await t.http().patch(path(`/comments/${belarusComment}`)).set(belarus.auth).send({ txt: 'typo' }).expect(400);
      expect(unknownField.body.message).toContain('txt');
      const badParagraph = await t.http().post(path('/comments')).set(belarus.auth).send({ text: 'x', paragraphId: '00000000-0000-4000-8000-000000000000' }).expect(400);
      expect(badParagraph.body.errors[0].path).toBe('payload.paragraphId');
    });

    it("shows a participant its own organisation's comments only; the secretariat and auditors see all", async () => {
      const own = await t.http().get(path('/comments')).set(kyrgyzstan.auth).expect(200);
      expect(own.body.items.map((c: { organisation: { id: string } }) => c.organisation.id)).toEqual([kyrgyzstan.organisationId]);
      await t.http().get(path(`/comments/${belarusComment}`)).set(kyrgyzstan.auth).expect(403);
      await t.http().get(path(`/comments/${belarusComment}`)).set(belarus.auth).expect(200);
      expect((await t.http().get(path('/comments')).set(auditor.auth).expect(200)).body.items).toHaveLength(2);
      const invitations = await t.http().get(path('/invitations')).set(kyrgyzstan.auth).expect(200);
      expect(invitations.body.stages[0].organisations.map((o: { organisation: { id: string } }) => o.organisation.id)).toEqual([kyrgyzstan.organisationId]);
    });

    it('withdraws a comment: it stays in the matrix as withdrawn and can no longer be changed', async () => {
      await send(t, belarus, round, { type: 'WITHDRAW_COMMENT', payload: { commentId: belarusComment, reason: 'superseded' } });
      const read = await t.http().get(path(`/comments/${belarusComment}`)).set(belarus.auth).expect(200);
      expect(read.body).toEqual(expect.objectContaining({ status: 'withdrawn', withdrawnAt: expect.any(String) }));
      const again = await t.http().patch(path(`/comments/${belarusComment}`)).set(belarus.auth).send({ text: 'too late' }).expect(409);
      expect(again.body.error).toBe('withdrawn');
      const matrix = await t.http().get(path('/resolution-matrix')).set(secretariat.auth).expect(200);
      expect(matrix.body.rows.map((r: { organisation: string; disposition: string }) => [r.organisation, r.disposition])).toEqual([
        ['Ministry of Digital Development and Innovative Technologies of the Kyrgyz Republic', 'pending'],
        ['Ministry of Communications and Informatization of the Republic of Belarus', 'withdrawn'],
      ]);
    });
  });

  describe('open endorsement', () => {
    beforeAll(async () => {
      const steps: Array<[string, Record<string, unknown>]> = [
        ['CLOSE_ROUND', {}],
        ['DECIDE', { outcome: 'endorsed', meeting: { date: '2025-01-20' } }],
        ['SHARE_DRAFT', { deadline: '2099-04-11' }],
        ['CLOSE_ROUND', {}],
        ['FINALISE_TEXT', {}],
        ['DECIDE', { outcome: 'endorsed' }],
        ['DECIDE', { outcome: 'endorsed' }],
      ];
      for (const [type, payload] of steps) await send(t, secretariat, round, { type, payload });
    });

    it('refuses to endorse or withdraw for another organisation (403); a self-recorded signature waits for verification', async () => {
      const forOther = await postEvent(t, belarus, round, { type: 'ENDORSE', payload: { organisationId: kyrgyzstan.organisationId, channel: 'online' } }).expect(403);
      expect(forOther.body.error).toBe('wrong_organisation');
      await postEvent(t, belarus, round, { type: 'WITHDRAW_ENDORSEMENT', payload: { organisationId: kyrgyzstan.organisationId } }).expect(403);
      await postEvent(t, belarus, round, { type: 'VERIFY_SIGNATORY', payload: { organisationId: belarus.organisationId } }).expect(403);
      const noEvent = await postEvent(t, belarus, round, { type: 'ENDORSE', payload: { channel: 'event' } }).expect(400);
      expect(noEvent.body.errors[0].path).toBe('payload.event');

      await send(t, belarus, round, { type: 'ENDORSE', payload: { channel: 'online' } });
      await postEvent(t, belarus, round, { type: 'ENDORSE', payload: {} }).expect(409);
      expect((await t.http().get(`/public/contributions/${round}/signatories`).expect(200)).body.count).toBe(0);
      const mine = await t.http().get(path('/signatories')).set(belarus.auth).expect(200);
      expect(mine.body.items).toEqual([expect.objectContaining({ status: 'awaiting_verification', position: null, recordedBy: 'participant' })]);
      // Another participant sees the public list only: not Belarus's signature awaiting verification.
      expect((await t.http().get(path('/signatories')).set(kyrgyzstan.auth).expect(200)).body.items).toEqual([]);
    });

    it('lists a signature once the secretariat verifies it, and drops it when withdrawn', async () => {
      await send(t, secretariat, round, { type: 'VERIFY_SIGNATORY', payload: { organisationId: belarus.organisationId } });
      await postEvent(t, secretariat, round, { type: 'VERIFY_SIGNATORY', payload: { organisationId: belarus.organisationId } }).expect(409);
      const listed = await t.http().get(`/public/contributions/${round}/signatories`).expect(200);
      expect(listed.body.items).toEqual([expect.objectContaining({ position: 1, name: 'Ministry of Communications and Informatization of the Republic of Belarus', channel: 'online' })]);
      expect((await t.http().get(path('/signatories')).set(kyrgyzstan.auth).expect(200)).body.items).toHaveLength(1);

      await send(t, belarus, round, { type: 'WITHDRAW_ENDORSEMENT', payload: { reason: 'pending internal approval' } });
      expect((await t.http().get(`/public/contributions/${round}/signatories`).expect(200)).body.count).toBe(0);
      await postEvent(t, belarus, round, { type: 'WITHDRAW_ENDORSEMENT', payload: {} }).expect(409);
    });
  });

  describe('deadlines per organisation', () => {
    let late: string;
    let comment: string;

    beforeAll(async () => {
      // A round recorded after the fact: its deadline passed long ago, and no deadline worker runs in this test.
      ({ id: late } = await openContribution(t, secretariat, { workflow: 'rcc-declaration', title: 'Recorded afterwards', occurredAt: '2024-12-04T09:00:00+03:00' }));
      await send(t, secretariat, late, { type: 'SHARE_DRAFT', occurredAt: '2024-12-20T10:00:00+03:00', payload: { deadline: '2025-01-13' } });
      const created = await t.http().post(path('/comments', late)).set(secretariat.auth).send({ organisationId: belarus.organisationId, text: 'Proposals received by e-mail', occurredAt: '2025-01-10T12:00:00+03:00' }).expect(201);
      comment = created.body.id;
    });

    it('refuses edits and new comments after the deadline with a clear 409', async () => {
      const edit = await t.http().patch(path(`/comments/${comment}`, late)).set(belarus.auth).send({ text: 'a late change' }).expect(409);
      expect(edit.body).toEqual(expect.objectContaining({ error: 'deadline_passed', stage: 'proposals' }));
      expect(edit.body.message).toContain('2025-01-13T23:59:59.999+03:00 (Europe/Moscow)');
      await t.http().post(path('/comments', late)).set(kyrgyzstan.auth).send({ text: 'too late' }).expect(409);
    });

    it("holds an organisation with its own extension to that date, and everyone else to the general deadline", async () => {
      await send(t, secretariat, late, { type: 'EXTEND_DEADLINE', payload: { organisationId: belarus.organisationId, dueAt: '2099-01-31' }, reason: 'asked for more time' });
      const edit = await t.http().patch(path(`/comments/${comment}`, late)).set(belarus.auth).send({ text: 'a change within our extension' }).expect(200);
      expect(edit.body.revision).toBe(2);
      await send(t, belarus, late, { type: 'NO_COMMENT' });
      const other = await t.http().post(path('/comments', late)).set(kyrgyzstan.auth).send({ text: 'still too late' }).expect(409);
      expect(other.body.message).not.toContain('extended deadline');
    });
  });

  describe('call for inputs', () => {
    let call: string;
    let belarusSubmission: string;
    let kyrgyzSubmission: string;

    beforeAll(async () => {
      ({ id: call } = await openContribution(t, secretariat, { workflow: 'itu-call-for-inputs', title: 'Call for inputs on the WSIS+20 review' }));
      await send(t, secretariat, call, {
        type: 'LAUNCH_CALL',
        payload: { deadline: '2099-03-14', questions: [{ text: 'What are the main achievements of the WSIS process?' }, { text: 'What challenges remain?' }] },
      });
    });

    it('refuses answers for another organisation (403) and answers to questions that do not exist (400)', async () => {
      const forOther = await postEvent(t, belarus, call, {
        type: 'SUBMIT_ANSWERS',
        payload: { organisationId: kyrgyzstan.organisationId, answers: [{ question: 1, text: 'not ours to give' }], consentToPublish: true },
      }).expect(403);
      expect(forOther.body.error).toBe('wrong_organisation');
      const unknown = await postEvent(t, belarus, call, { type: 'SUBMIT_ANSWERS', payload: { answers: [{ question: 3, text: 'x' }], consentToPublish: true } }).expect(400);
      expect(unknown.body.errors[0]).toEqual({ path: 'payload.answers[0].question', message: 'no question 3; the questions are 1, 2' });
      const noConsent = await postEvent(t, belarus, call, { type: 'SUBMIT_ANSWERS', payload: { answers: [{ question: 1, text: 'x' }] } }).expect(400);
      expect(noConsent.body.errors[0].path).toBe('payload.consentToPublish');
    });

    it("keeps one submission per organisation, replaced until the deadline, and hides another's unpublished one", async () => {
      await send(t, belarus, call, { type: 'SUBMIT_ANSWERS', payload: { answers: [{ question: 1, text: 'Confidential answer of Belarus' }], consentToPublish: true } });
      await send(t, belarus, call, { type: 'SUBMIT_ANSWERS', payload: { answers: [{ question: 1, text: 'Confidential answer of Belarus' }, { question: 2, text: 'Also confidential' }], consentToPublish: false } });
      await send(t, kyrgyzstan, call, { type: 'SUBMIT_ANSWERS', payload: { answers: [{ question: 2, text: 'Published answer of Kyrgyzstan' }], consentToPublish: true } });

      const own = await t.http().get(path('/submissions', call)).set(belarus.auth).expect(200);
      expect(own.body.items).toEqual([expect.objectContaining({ revision: 2, consentToPublish: false, answers: [expect.objectContaining({ question: 1 }), expect.objectContaining({ question: 2 })] })]);
      belarusSubmission = own.body.items[0].id;
      kyrgyzSubmission = (await t.http().get(path('/submissions', call)).set(kyrgyzstan.auth).expect(200)).body.items[0].id;

      const hidden = await t.http().get(path(`/submissions/${belarusSubmission}`, call)).set(kyrgyzstan.auth).expect(403);
      expect(hidden.body.error).toBe('not_published');
      const published = await t.http().get(path(`/submissions/${kyrgyzSubmission}`, call)).set(belarus.auth).expect(200);
      expect(published.body.answers).toEqual([{ question: 2, text: 'Published answer of Kyrgyzstan' }]);
      expect(published.body.consentToPublish).toBeUndefined();
      await t.http().get(path('/submissions/counts', call)).set(belarus.auth).expect(403);
      expect((await t.http().get(path('/submissions', call)).set(auditor.auth).expect(200)).body.items).toHaveLength(2);

      const page = await t.http().get(`/public/contributions/${call}/submissions`).expect(200);
      expect(page.body.counts).toEqual(expect.objectContaining({ total: 2, published: 1 }));
      expect(page.body.submissions.map((s: { organisation: { id: string } }) => s.organisation.id)).toEqual([kyrgyzstan.organisationId]);
      expect(JSON.stringify(page.body)).not.toContain('Confidential');
      const html = await t.http().get(`/public/contributions/${call}/submissions`).query({ format: 'html' }).expect(200);
      expect(html.text).toContain('Published answer of Kyrgyzstan');
      expect(html.text).not.toContain('Confidential');
    });

    it('fixes the questions once answers have arrived', async () => {
      const locked = await postEvent(t, secretariat, call, { type: 'SET_QUESTIONS', payload: { questions: [{ text: 'A different question' }] } }).expect(409);
      expect(locked.body.error).toBe('questions_locked');
      const questions = await t.http().get(path('/questions', call)).set(belarus.auth).expect(200);
      expect(questions.body.questions).toEqual([
        { number: 1, text: 'What are the main achievements of the WSIS process?' },
        { number: 2, text: 'What challenges remain?' },
      ]);
    });
  });
});
