import { openContribution, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';

const DEFINITION = `
id: consultation-with-internal-review
name: Drafting, internal review, public call for inputs
timezone: Europe/Zurich
stages:
  - id: drafting
    kind: drafting
    body: Secretariat
    next: internal-review
  - id: internal-review
    kind: comment_round
    title: Internal review by the bureau
    public: false
    next: call
  - id: call
    kind: questionnaire
    title: Public call for inputs
    next: done
  - id: done
    kind: final
`;

/** Issue 5 acceptance: the public report leaks nothing that is not public. */
describe('public key-stages report', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let contributionId: string;
  const secrets = {
    draft: 'Draft paragraph 3: the bureau proposes to weaken the commitment',
    internalComment: 'Bureau member comment: this is not ready',
    consentedAnswer: 'Our answer, published with consent',
    privateAnswer: 'Our answer, which we do not want published',
    privateOrganisation: 'Discreet Telecom Holding',
    bureauMember: 'Bureau Member Organisation',
    secretariatPerson: 'Ingrid Draftsperson',
    participantPerson: 'Pavel Participant',
  };

  beforeAll(async () => {
    t = await setup();
    secretariat = await t.token('secretariat', undefined, { name: secrets.secretariatPerson });
    await t.http().post('/workflows').set(secretariat.auth).set('Content-Type', 'application/yaml').send(DEFINITION).expect(201);
    const open = await t.token('participant', 'Open Internet Society', { name: secrets.participantPerson });
    const discreet = await t.token('participant', secrets.privateOrganisation);
    const bureau = await t.token('participant', secrets.bureauMember);
    ({ id: contributionId } = await openContribution(t, secretariat, { workflow: 'consultation-with-internal-review', title: 'Public report subject' }));
    await send(t, secretariat, contributionId, { type: 'RECORD_VERSION', payload: { label: 'draft 1', paragraphs: [{ text: secrets.draft }] } });
    await send(t, secretariat, contributionId, { type: 'SHARE_DRAFT' });
    await send(t, bureau, contributionId, { type: 'COMMENT', payload: { text: secrets.internalComment } });
    await send(t, secretariat, contributionId, { type: 'CLOSE_ROUND' });
    await send(t, open, contributionId, { type: 'SUBMIT_ANSWERS', payload: { answers: [{ question: 1, text: secrets.consentedAnswer }], consentToPublish: true } });
    await send(t, discreet, contributionId, { type: 'SUBMIT_ANSWERS', payload: { answers: [{ question: 1, text: secrets.privateAnswer }], consentToPublish: false } });
    await send(t, secretariat, contributionId, { type: 'CLOSE_CALL' });
  });

  afterAll(async () => t.close());

  it('contains no draft, no non-consented submission, no non-public stage, no comment or answer, no personal name', async () => {
    for (const format of ['json', 'md', 'html']) {
      const response = await t.http().get(`/public/contributions/${contributionId}/report`).query({ format }).expect(200);
      const text = format === 'json' ? JSON.stringify(response.body) : response.text;
      expect(text).toContain('Public call for inputs');
      expect(text).toContain('Open Internet Society');
      for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
      expect(text).not.toContain('Internal review by the bureau');
    }
  });

  it('while the full report for auditors names the stage and every respondent, still without any text', async () => {
    const auditor = await t.token('auditor');
    const { body } = await t.http().get(`/contributions/${contributionId}/report`).set(auditor.auth).expect(200);
    expect(body.stages.map((stage: { title: string }) => stage.title)).toEqual(['Drafting', 'Internal review by the bureau', 'Public call for inputs']);
    const call = body.stages.find((stage: { stageId: string }) => stage.stageId === 'call');
    expect(call.responses.respondents).toEqual([{ name: 'Open Internet Society', consentToPublish: true }, { name: secrets.privateOrganisation, consentToPublish: false }]);
    const text = JSON.stringify(body);
    for (const secret of [secrets.draft, secrets.internalComment, secrets.consentedAnswer, secrets.privateAnswer]) expect(text).not.toContain(secret);
  });
});
