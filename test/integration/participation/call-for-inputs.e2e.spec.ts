import { CHANGED_MIND, CallReplay, closeCallForInputs, QUESTIONS, replayCallForInputs, RESPONDENTS } from '../../fixtures/replay-call-for-inputs';
import { postEvent } from '../../utils/api';
import { setup, TestApp } from '../../utils/setup';

const TYPE_ORDER = ['government', 'international_organisation', 'private_sector', 'civil_society', 'academia', 'technical_community'];

/** What the counts must say, worked out from the respondents of the fixture. */
function expectedCounts(key: 'stakeholderType' | 'region', order: Array<string | null>) {
  return order
    .map((value) => {
      const group = RESPONDENTS.filter((r) => r[key] === value);
      return { key: value, count: group.length, published: group.filter((r) => r.consentToPublish).length };
    })
    .filter((entry) => entry.count > 0);
}

/**
 * Issue 4 acceptance, seeds 001 and 004: a call for inputs with the eleven numbered questions,
 * 96 submissions, sixteen of them without consent to publish (one respondent withdrew its consent
 * by resubmitting), the deadline extended 31 January → 14 March 2025.
 */
describe('call for inputs with 96 submissions', () => {
  let t: TestApp;
  let replay: CallReplay;
  const consented = RESPONDENTS.filter((r) => r.consentToPublish);
  const withheld = RESPONDENTS.filter((r) => !r.consentToPublish);

  beforeAll(async () => {
    t = await setup();
    replay = await replayCallForInputs(t);
  });

  afterAll(async () => t.close());

  it('keeps one submission per organisation: a resubmission before the deadline replaces answers and consent', async () => {
    const { body } = await t.http().get(`/contributions/${replay.contributionId}/submissions`).set(replay.secretariat.auth).expect(200);
    expect(body.items).toHaveLength(96);
    expect(new Set(body.items.map((s: { organisation: { id: string } }) => s.organisation.id)).size).toBe(96);
    const changed = body.items.find((s: { id: string }) => s.id === replay.submissions[CHANGED_MIND]);
    expect(changed).toEqual(expect.objectContaining({ revision: 2, consentToPublish: false, organisation: expect.objectContaining({ name: RESPONDENTS[CHANGED_MIND].name }) }));
  });

  it('counts the submissions by stakeholder type and region, with how many are published', async () => {
    const { body } = await t.http().get(`/contributions/${replay.contributionId}/submissions/counts`).set(replay.secretariat.auth).expect(200);
    expect(body).toEqual(expect.objectContaining({ stage: 'online-form', total: 96, published: consented.length }));
    expect(withheld).toHaveLength(16);
    expect(body.byStakeholderType).toEqual(expectedCounts('stakeholderType', TYPE_ORDER));
    const regions = [...new Set(RESPONDENTS.map((r) => r.region).filter((r): r is string => r !== null))].sort();
    expect(body.byRegion).toEqual(expectedCounts('region', [...regions, null]));
    expect(body.byRegion.at(-1).key).toBeNull();
  });

  it('publishes, without a token, the questions, the counts and only the consented submissions', async () => {
    const { body } = await t.http().get(`/public/contributions/${replay.contributionId}/submissions`).expect(200);
    expect(body.questions.map((q: { number: number; text: string }) => [q.number, q.text])).toEqual(QUESTIONS.map((text, index) => [index + 1, text]));
    expect(body.counts).toEqual(expect.objectContaining({ total: 96, published: 80 }));
    expect(body.submissions.map((s: { organisation: { name: string } }) => s.organisation.name).sort()).toEqual(consented.map((r) => r.name).sort());
    const text = JSON.stringify(body);
    for (const respondent of withheld) {
      expect(text).not.toContain(respondent.name);
      for (const answer of respondent.answers) expect(text).not.toContain(answer.text);
    }
    expect(body.submissions[0]).not.toHaveProperty('consentToPublish');

    const html = await t.http().get(`/public/contributions/${replay.contributionId}/submissions`).set('Accept', 'text/html').expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text.match(/<article>/g)).toHaveLength(80);
    expect(html.text).toContain('96 submissions were received; 80 are published here with the consent of their authors.');
    expect(html.text).not.toContain(RESPONDENTS[CHANGED_MIND].name);
  });

  it("keeps another organisation's unpublished submission from a respondent, and refuses changes after the deadline", async () => {
    const respondent = await t.token('participant', RESPONDENTS[0].name);
    const mine = await t.http().get(`/contributions/${replay.contributionId}/submissions`).set(respondent.auth).expect(200);
    expect(mine.body.items.map((s: { id: string }) => s.id)).toEqual([replay.submissions[0]]);
    const hidden = await t.http().get(`/contributions/${replay.contributionId}/submissions/${replay.submissions[CHANGED_MIND]}`).set(respondent.auth).expect(403);
    expect(hidden.body.error).toBe('not_published');
    const other = RESPONDENTS.findIndex((r, index) => index > 0 && r.consentToPublish);
    await t.http().get(`/contributions/${replay.contributionId}/submissions/${replay.submissions[other]}`).set(respondent.auth).expect(200);

    // 14 March 2025 has passed but no worker fired the deadline: the form is open, the respondent's deadline is not.
    const change = { type: 'SUBMIT_ANSWERS', payload: { answers: [{ question: 1, text: 'a late change' }], consentToPublish: true } };
    const late = await postEvent(t, respondent, replay.contributionId, change).expect(409);
    expect(late.body).toEqual(expect.objectContaining({ error: 'deadline_passed', stage: 'online-form' }));
    expect(late.body.message).toContain('2025-03-14T23:59:59.999+01:00 (Europe/Zurich)');

    await closeCallForInputs(t, replay);
    const closed = await postEvent(t, respondent, replay.contributionId, change).expect(409);
    expect(closed.body.error).toBe('event_not_allowed');
    const page = await t.http().get(`/public/contributions/${replay.contributionId}/submissions`).expect(200);
    expect(page.body.counts).toEqual(expect.objectContaining({ total: 96, published: 80 }));
  });
});
