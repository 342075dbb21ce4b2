import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { CALL, CallReplay, replayCallForInputs } from './transparency-replays';

/** Issue 5 acceptance: the call for inputs' report shows the extension with its reason, and the submission count. */
describe('key-stages report of the ITU call for inputs', () => {
  let t: TestApp;
  let auditor: TestIdentity;
  let replay: CallReplay;

  beforeAll(async () => {
    t = await setup();
    auditor = await t.token('auditor');
    replay = await replayCallForInputs(t);
  });

  afterAll(async () => t.close());

  it('shows the deadline extension 31 Jan 2025 → 14 Mar 2025 with its reason, and the submission count', async () => {
    const { body } = await t.http().get(`/contributions/${replay.contributionId}/report`).set(auditor.auth).expect(200);
    expect(body.deadlines).toEqual([
      expect.objectContaining({
        stageId: 'online-form',
        timeZone: CALL.timeZone,
        initialDueText: '31 January 2025',
        finalDueText: '14 March 2025',
        closedBy: 'deadline',
        closedOn: '14 March 2025',
        extensions: [
          expect.objectContaining({ oldDueText: '31 January 2025', newDueText: '14 March 2025', decidedOn: '20 January 2025', reason: CALL.reason, authorisedBy: 'Sipho Chairperson' }),
        ],
      }),
    ]);
    const form = body.stages.find((stage: { stageId: string }) => stage.stageId === 'online-form');
    expect(form.sentence).toBe('1 August 2024 – 14 March 2025 – the online form was open to all stakeholders; 96 submissions were received.');
    expect(form.responses).toEqual(expect.objectContaining({ organisations: 96, submissions: 96, published: 80 }));

    const markdown = await t.http().get(`/contributions/${replay.contributionId}/report`).query({ format: 'md' }).set(auditor.auth).expect(200);
    expect(markdown.text).toContain(`| Online form | 31 January 2025 → 14 March 2025 | 31 January 2025 → 14 March 2025 (decided on 20 January 2025, authorised by Sipho Chairperson): ${CALL.reason} | 14 March 2025, when the deadline passed |`);
    expect(markdown.text).toContain('| Online form | 96 | 0 | 0 | 96 | 80 |');
    expect(markdown.text).toContain('96 submissions were received');
  });

  it('dates the meetings, the results and the side event in order', async () => {
    const { body } = await t.http().get(`/contributions/${replay.contributionId}/report`).set(auditor.auth).expect(200);
    expect(body.stages.map((stage: { stageId: string; when: { text: string } }) => [stage.stageId, stage.when.text])).toEqual([
      ['preparation', '15 July – 1 August 2024'],
      ['online-form', '1 August 2024 – 14 March 2025'],
      ['first-meeting', '15 October 2024'],
      ['second-meeting', '12 February 2025'],
      ['analysis', '15 May 2025'],
      ['side-event', '7 – 11 July 2025'],
    ]);
  });

  it('publicly shows the extension and the counts, but no submission without consent and no answer', async () => {
    const withoutConsent = replay.names.filter((_, index) => !CALL.consents(index));
    expect(withoutConsent).toHaveLength(16);
    for (const format of ['json', 'md', 'html']) {
      const response = await t.http().get(`/public/contributions/${replay.contributionId}/report`).query({ format }).expect(200);
      const text = format === 'json' ? JSON.stringify(response.body) : response.text;
      expect(text).toContain(CALL.reason);
      expect(text).toContain('96 submissions were received');
      expect(text).toContain(replay.names[0]);
      for (const name of withoutConsent) expect(text).not.toContain(name);
      expect(text).not.toContain('Answer ');
      expect(text).not.toContain('Sipho Chairperson');
    }
    const { body } = await t.http().get(`/public/contributions/${replay.contributionId}/report`).expect(200);
    const form = body.stages.find((stage: { stageId: string }) => stage.stageId === 'online-form');
    expect(form.responses).toEqual({ organisations: 96, comments: 0, noComment: 0, submissions: 96, published: 80, publishedSubmissions: replay.names.filter((_, index) => CALL.consents(index)) });
  });
});
