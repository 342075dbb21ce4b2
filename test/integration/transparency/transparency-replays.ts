import { SYSTEM_ACTOR } from '../../../src/auth/actor';
import { TransitionService } from '../../../src/contributions/transition.service';
import { BODIES, CONTRIBUTION, FIRST_ROUND_PROPOSERS, SIGNATORIES, TIMELINE, signatoryOccurredAt } from '../../fixtures/seed-000';
import { openContribution, send } from '../../utils/api';
import type { TestApp, TestIdentity } from '../../utils/setup';

/**
 * The two processes the transparency acceptance tests report on, replayed through the HTTP API
 * with their real dates: seed 000 (the RCC Declaration, its section II and Annex 2) and the ITU
 * call for inputs (seeds 001, 003, 004). Organisation details (country, type, region) are set by
 * the secretariat through PATCH /organisations/:id.
 */

async function describeOrganisation(
  t: TestApp,
  as: TestIdentity,
  id: string,
  details: { country: string | null; region: string | null; stakeholderType: string | null },
): Promise<void> {
  const { country, region, stakeholderType } = details;
  const response = await t.http().patch(`/organisations/${id}`).set(as.auth).send({ country, region, stakeholderType });
  if (response.status !== 200) throw new Error(`PATCH /organisations/${id} → ${response.status}: ${JSON.stringify(response.body)}`);
}

export const DRAFT_PARAGRAPH = 'DRAFT ONLY: recognizing that over the 22 years since the start of the WSIS process';
export const COMMENT_TEXT = 'Proposals of the administration, not for publication';

export interface Seed000Replay {
  contributionId: string;
  secretariat: TestIdentity;
  /** An organisation that joined online by itself and was never verified (not in Annex 2). */
  unverified: string;
  /** An organisation that joined and withdrew (not in Annex 2). */
  withdrawn: string;
}

export async function replaySeed000(t: TestApp): Promise<Seed000Replay> {
  const secretariat = await t.token('secretariat', undefined, { name: 'Olga Secretary' });
  const organisations = new Map<string, string>();
  const organisation = async (name: string) => {
    if (!organisations.has(name)) organisations.set(name, (await t.token('participant', name)).organisationId!);
    return organisations.get(name)!;
  };
  for (const proposer of FIRST_ROUND_PROPOSERS) await describeOrganisation(t, secretariat, await organisation(proposer.name), { country: proposer.country, region: 'RCC/CIS', stakeholderType: 'government' });
  await describeOrganisation(t, secretariat, await organisation('RIPE NCC'), { country: 'Netherlands', region: 'Europe', stakeholderType: 'technical_community' });
  for (const signatory of SIGNATORIES) await describeOrganisation(t, secretariat, await organisation(signatory.name), signatory);

  const { id } = await openContribution(t, secretariat, CONTRIBUTION);
  const event = (type: string, occurredAt: string, payload: Record<string, unknown> = {}, reason?: string) =>
    send(t, secretariat, id, { type, occurredAt, payload, ...(reason ? { reason } : {}) });

  await event('RECORD_VERSION', '2024-12-18T10:00:00+03:00', { label: 'initial draft', paragraphs: [{ text: DRAFT_PARAGRAPH }] });
  await event('SHARE_DRAFT', TIMELINE.drafting.shared, { deadline: TIMELINE.proposals.deadline });
  for (const proposer of FIRST_ROUND_PROPOSERS) {
    await event('COMMENT', proposer.at, { organisationId: organisations.get(proposer.name), text: COMMENT_TEXT }, 'received by e-mail');
  }
  await event('CLOSE_ROUND', TIMELINE.proposals.closed);
  await event('DECIDE', TIMELINE.wgDecision, { outcome: 'endorsed', body: BODIES.workingGroup, meeting: { date: '2025-01-20' } });
  await event('SHARE_DRAFT', TIMELINE.declarationShared, { deadline: TIMELINE.declarationComments.deadline });
  await event('COMMENT', '2025-04-10T12:00:00+03:00', { organisationId: organisations.get('RIPE NCC'), text: COMMENT_TEXT });
  await event('CLOSE_ROUND', TIMELINE.declarationComments.closed);
  await event('PRESENT_PROPOSALS', TIMELINE.editorialSession.presented, { organisationId: organisations.get('RIPE NCC'), summary: 'RIPE NCC presented its proposals' });
  await event('FINALISE_TEXT', TIMELINE.editorialSession.finalised);
  await event('DECIDE', TIMELINE.jointEndorsement, { outcome: 'endorsed', body: BODIES.jointMeeting, meeting: { date: '2025-04-25' } });
  await event('DECIDE', TIMELINE.board, { outcome: 'endorsed', body: BODIES.board, meeting: { date: '2025-05-21' } }, 'resolved to publish the Declaration on the RCC web-site');

  // Signatures collected by the secretariat (online or at the forum) count as verified.
  const forum = TIMELINE.globalDigitalForum;
  for (const [index, signatory] of SIGNATORIES.entries()) {
    await event('ENDORSE', signatoryOccurredAt(signatory, index), {
      organisationId: organisations.get(signatory.name),
      channel: signatory.atGlobalDigitalForum ? 'event' : 'online',
      ...(signatory.atGlobalDigitalForum ? { event: { name: forum.name, date: forum.date, location: forum.location } } : {}),
    });
  }
  const withdrawn = await organisation('Withdrawn Consulting Ltd');
  await event('ENDORSE', '2025-06-10T10:00:00+03:00', { organisationId: withdrawn, channel: 'online' });
  await event('WITHDRAW_ENDORSEMENT', '2025-06-20T10:00:00+03:00', { organisationId: withdrawn }, 'asked to be removed');
  const pending = await t.token('participant', 'Unverified Digital Initiative');
  await send(t, pending, id, { type: 'ENDORSE', payload: { channel: 'online' } });

  const { name, startDate, endDate, location, occurredAt } = TIMELINE.highLevelEvent;
  await event('PRESENT', occurredAt, { event: { name, startDate, endDate, location } });
  const { recipient, agendaItem, agendaTitle } = TIMELINE.submission;
  await event('SUBMIT', TIMELINE.submission.occurredAt, { recipient, agendaItem, agendaTitle });
  return { contributionId: id, secretariat, unverified: pending.organisationId!, withdrawn };
}

export const CALL = {
  timeZone: 'Europe/Zurich',
  launched: '2024-08-01T09:00:00+02:00',
  deadline: '2025-01-31',
  extendedOn: '2025-01-20T10:00:00+01:00',
  extendedTo: '2025-03-14',
  reason: 'following several requests received from stakeholders',
  submissions: 96,
  /** Every sixth organisation did not consent to publication. */
  consents: (index: number) => index % 6 !== 5,
  answer: (index: number) => `Answer ${index} to question 1: not for publication unless consented`,
};

export interface CallReplay {
  contributionId: string;
  organisations: string[];
  names: string[];
}

/** The call for inputs: 96 submissions, some without consent, the 31 Jan → 14 Mar 2025 extension, two meetings, a side event. */
export async function replayCallForInputs(t: TestApp): Promise<CallReplay> {
  const secretariat = await t.token('secretariat', undefined, { name: 'Sipho Chairperson' });
  const { id } = await openContribution(t, secretariat, {
    workflow: 'itu-call-for-inputs',
    title: 'Call for inputs on the WSIS+20 review',
    source: 'CWG-WSIS&SDG',
    occurredAt: '2024-07-15T09:00:00+02:00',
  });
  const event = (type: string, occurredAt: string, payload: Record<string, unknown> = {}, reason?: string) =>
    send(t, secretariat, id, { type, occurredAt, payload, ...(reason ? { reason } : {}) });

  const types = ['government', 'private_sector', 'civil_society', 'academia', 'technical_community', 'international_organisation'];
  const regions = ['Africa', 'Americas', 'Arab States', 'Asia-Pacific', 'Europe', 'RCC/CIS'];
  const names = Array.from({ length: CALL.submissions }, (_, index) => `Respondent ${String(index + 1).padStart(2, '0')} to the WSIS+20 call`);
  const organisations: string[] = [];
  for (const [index, name] of names.entries()) {
    const organisationId = (await t.token('participant', name)).organisationId!;
    await describeOrganisation(t, secretariat, organisationId, { country: null, region: regions[index % regions.length], stakeholderType: types[index % types.length] });
    organisations.push(organisationId);
  }

  await event('LAUNCH_CALL', CALL.launched, { deadline: CALL.deadline });
  const submit = (index: number, at: Date) =>
    event('SUBMIT_ANSWERS', at.toISOString(), {
      organisationId: organisations[index],
      answers: [{ question: 1, text: CALL.answer(index) }],
      consentToPublish: CALL.consents(index),
    });
  const between = (from: string, to: string, index: number, count: number) => new Date(Date.parse(from) + ((Date.parse(to) - Date.parse(from)) * (index + 1)) / (count + 1));
  // More than 80 responses before the extension (seed 003), the rest before the new deadline.
  for (let index = 0; index < 82; index++) await submit(index, between('2024-08-02T00:00:00Z', '2025-01-19T00:00:00Z', index, 82));
  await event('HOLD_MEETING', '2024-10-15T10:00:00+02:00', { meeting: { date: '2024-10-15', location: 'Geneva' } });
  await event('EXTEND_DEADLINE', CALL.extendedOn, { dueAt: CALL.extendedTo }, CALL.reason);
  await event('HOLD_MEETING', '2025-02-12T10:00:00+01:00', { meeting: { date: '2025-02-12', location: 'Geneva' } });
  for (let index = 82; index < CALL.submissions; index++) await submit(index, between('2025-01-21T00:00:00Z', '2025-03-13T00:00:00Z', index - 82, CALL.submissions - 82));

  // The extended deadline passes: the engine fires it (late, since the replay happens long after).
  const { rows } = await t.db.query(`SELECT id, generation FROM deadlines WHERE contribution_id = $1 AND stage_id = 'online-form' AND status = 'pending'`, [id]);
  await t.app.get(TransitionService).apply(id, { type: 'DEADLINE.online-form', payload: { deadlineId: rows[0].id, generation: rows[0].generation, late: true } }, SYSTEM_ACTOR, {
    noopIfNotAccepted: true,
  });
  await event('PUBLISH_RESULTS', '2025-05-15T10:00:00+02:00');
  await event('PRESENT', '2025-07-09T17:00:00+02:00', { event: { name: 'WSIS+20 High-Level Event 2025', startDate: '2025-07-07', endDate: '2025-07-11', location: 'Geneva, Switzerland' } });
  return { contributionId: id, organisations, names };
}
