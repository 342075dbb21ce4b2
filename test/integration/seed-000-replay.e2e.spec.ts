import { BODIES, CONTRIBUTION, FIRST_ROUND_PROPOSERS, SIGNATORIES, TIMELINE, signatoryOccurredAt } from '../fixtures/seed-000';
import { openContribution, send, stageIds } from '../utils/api';
import { setup, TestApp, TestIdentity } from '../utils/setup';

/**
 * Seed 000, section II, replayed through the HTTP API with its real dates as occurredAt: the
 * secretariat records what happened at each meeting, and the audit trail tells the same story.
 */
describe('RCC Declaration on WSIS+20 replayed end to end', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;
  let contributionId: string;
  const organisations = new Map<string, string>();

  beforeAll(async () => {
    t = await setup();
    secretariat = await t.token('secretariat', undefined, { name: BODIES.executiveCommittee });
    auditor = await t.token('auditor');
    for (const proposer of FIRST_ROUND_PROPOSERS) organisations.set(proposer.name, (await t.token('participant', proposer.name)).organisationId!);
    organisations.set('RIPE NCC', (await t.token('participant', 'RIPE NCC')).organisationId!);
    for (const signatory of SIGNATORIES.slice(0, 3).concat(SIGNATORIES.slice(24, 26))) {
      organisations.set(signatory.name, (await t.token('participant', signatory.name)).organisationId!);
    }

    const created = await openContribution(t, secretariat, CONTRIBUTION);
    contributionId = created.id;
    const event = (type: string, occurredAt: string, payload: Record<string, unknown> = {}, reason?: string) =>
      send(t, secretariat, contributionId, { type, occurredAt, payload, ...(reason ? { reason } : {}) });

    await event('SHARE_DRAFT', TIMELINE.drafting.shared, { deadline: TIMELINE.proposals.deadline });
    for (const proposer of FIRST_ROUND_PROPOSERS) {
      await event('COMMENT', proposer.at, { organisationId: organisations.get(proposer.name), text: `Proposals of ${proposer.name}` }, 'received by e-mail');
    }
    await event('CLOSE_ROUND', TIMELINE.proposals.closed);
    await event('DECIDE', TIMELINE.wgDecision, { outcome: 'endorsed', body: BODIES.workingGroup, meeting: { date: '2025-01-20' } });
    await event('SHARE_DRAFT', TIMELINE.declarationShared, { deadline: TIMELINE.declarationComments.deadline });
    await event('COMMENT', '2025-04-10T12:00:00+03:00', { organisationId: organisations.get('RIPE NCC'), text: 'Proposals of RIPE NCC on the draft Declaration' });
    await event('CLOSE_ROUND', TIMELINE.declarationComments.closed);
    await event('PRESENT_PROPOSALS', TIMELINE.editorialSession.presented, { organisationId: organisations.get('RIPE NCC'), summary: 'RIPE NCC presented its proposals' });
    await event('FINALISE_TEXT', TIMELINE.editorialSession.finalised);
    await event('DECIDE', TIMELINE.jointEndorsement, { outcome: 'endorsed', body: BODIES.jointMeeting, meeting: { date: '2025-04-25' } });
    await event('DECIDE', TIMELINE.board, { outcome: 'endorsed', body: BODIES.board, meeting: { date: '2025-05-21' } }, 'resolved to publish the Declaration on the RCC web-site');
    for (const [index, signatory] of SIGNATORIES.entries()) {
      if (!organisations.has(signatory.name)) continue;
      await event('ENDORSE', signatoryOccurredAt(signatory, index), {
        organisationId: organisations.get(signatory.name),
        channel: signatory.atGlobalDigitalForum ? 'event' : 'online',
        ...(signatory.atGlobalDigitalForum ? { event: { name: TIMELINE.globalDigitalForum.name, date: TIMELINE.globalDigitalForum.date, location: TIMELINE.globalDigitalForum.location } } : {}),
      });
    }
    const { name, startDate, endDate, location, occurredAt } = TIMELINE.highLevelEvent;
    await event('PRESENT', occurredAt, { event: { name, startDate, endDate, location } });
    const { recipient, agendaItem, agendaTitle } = TIMELINE.submission;
    await event('SUBMIT', TIMELINE.submission.occurredAt, { recipient, agendaItem, agendaTitle });
  });

  afterAll(async () => t.close());

  it('ends with open endorsement still open while the Declaration has been submitted', async () => {
    const response = await t.http().get(`/contributions/${contributionId}`).set(auditor.auth).expect(200);
    expect(stageIds(response.body)).toEqual(['open-endorsement', 'submitted']);
    expect(response.body.allowedEvents.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['ENDORSE', 'WITHDRAW_ENDORSEMENT', 'VERIFY_SIGNATORY', 'CLOSE_ENDORSEMENT']),
    );
    expect(response.body.facts.endorsements['open-endorsement']).toHaveLength(7); // five signatories plus Kyrgyzstan and the Russian Federation, which also sent first-round proposals
  });

  it('records every stage transition with its real date, actor and stages', async () => {
    const response = await t.http().get(`/contributions/${contributionId}/transitions`).set(auditor.auth).expect(200);
    const moves = response.body.items
      .filter((record: { fromStages: string[]; toStages: string[] }) => record.fromStages.join() !== record.toStages.join())
      .map((record: { eventType: string; fromStages: string[]; toStages: string[]; occurredAt: string }) => ({
        event: record.eventType,
        from: record.fromStages.join('+'),
        to: record.toStages.join('+'),
        on: record.occurredAt,
      }));
    expect(moves).toEqual([
      { event: 'CREATE', from: '', to: 'drafting', on: '2024-12-04T06:00:00.000Z' },
      { event: 'SHARE_DRAFT', from: 'drafting', to: 'proposals', on: '2024-12-20T07:00:00.000Z' },
      { event: 'CLOSE_ROUND', from: 'proposals', to: 'wg-decision', on: '2025-01-13T15:00:00.000Z' },
      { event: 'DECIDE', from: 'wg-decision', to: 'declaration-drafting', on: '2025-01-20T08:00:00.000Z' },
      { event: 'SHARE_DRAFT', from: 'declaration-drafting', to: 'declaration-comments', on: '2025-02-28T07:00:00.000Z' },
      { event: 'CLOSE_ROUND', from: 'declaration-comments', to: 'editorial-session', on: '2025-04-11T15:00:00.000Z' },
      { event: 'FINALISE_TEXT', from: 'editorial-session', to: 'joint-endorsement', on: '2025-04-24T14:00:00.000Z' },
      { event: 'DECIDE', from: 'joint-endorsement', to: 'board-endorsement', on: '2025-04-25T12:00:00.000Z' },
      { event: 'DECIDE', from: 'board-endorsement', to: 'after-board+open-endorsement+high-level-event', on: '2025-05-21T09:00:00.000Z' },
      { event: 'PRESENT', from: 'after-board+open-endorsement+high-level-event', to: 'after-board+open-endorsement+unga-submission', on: '2025-07-11T15:00:00.000Z' },
      { event: 'SUBMIT', from: 'after-board+open-endorsement+unga-submission', to: 'after-board+open-endorsement+submitted', on: '2025-09-10T14:00:00.000Z' },
    ]);

    const records = response.body.items;
    expect(records.map((r: { seq: number }) => r.seq)).toEqual(records.map((_: unknown, i: number) => i + 1));
    for (const record of records) {
      expect(record.actor).toEqual(expect.objectContaining({ role: 'secretariat', name: BODIES.executiveCommittee }));
      expect(Date.parse(record.recordedAt)).toBeGreaterThan(Date.parse(record.occurredAt));
      expect(record.definition).toEqual(expect.objectContaining({ key: 'rcc-declaration', version: 1 }));
    }
    const board = records.find((r: { eventType: string; payload: { body?: string } }) => r.eventType === 'DECIDE' && r.payload.body === BODIES.board);
    expect(board.reason).toBe('resolved to publish the Declaration on the RCC web-site');
    const belarus = records.find((r: { organisationId: string | null }) => r.organisationId === organisations.get(FIRST_ROUND_PROPOSERS[1].name));
    expect(belarus).toEqual(expect.objectContaining({ eventType: 'COMMENT', occurredAt: '2025-01-10T09:00:00.000Z', reason: 'received by e-mail' }));
  });

  it('stores the comment-round deadline given by the event, at the end of that day in Moscow', async () => {
    const response = await t.http().get(`/contributions/${contributionId}`).set(secretariat.auth).expect(200);
    expect(response.body.deadlines.find((d: { stage: string }) => d.stage === 'proposals')).toEqual(
      expect.objectContaining({ dueAt: '2025-01-13T20:59:59.999Z', timeZone: 'Europe/Moscow', status: 'cancelled' }),
    );
  });

  it('verifies the whole chain', async () => {
    const response = await t.http().get('/audit/verify').query({ contributionId }).set(auditor.auth).expect(200);
    expect(response.body).toEqual(expect.objectContaining({ ok: true, records: 24 }));
  });
});
