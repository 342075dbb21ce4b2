import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompiledWorkflow } from '../workflows/definition/compiled-workflow';
import { EngineSnapshot } from '../workflows/definition/engine-machine.types';
import { parseDefinition } from '../workflows/definition/parse-definition.util';
import { buildKeyStagesReport, ReportInput, ReportOrganisation, ReportRecord } from './key-stages-builder.util';
import { ReportVariant } from './key-stages.model';

function compile(text: string): CompiledWorkflow {
  const parsed = parseDefinition(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return new CompiledWorkflow(parsed.definition);
}

const shipped = (file: string) => compile(readFileSync(join(__dirname, '../../workflows', file), 'utf8'));

interface Step {
  type: string;
  at: string;
  payload?: Record<string, unknown>;
  details?: Record<string, unknown>;
  role?: 'secretariat' | 'participant' | 'system';
  organisationId?: string;
  reason?: string;
  actorName?: string;
}

/**
 * Hand-made audit trails: each step is what the transition path would record; the machine only
 * supplies the stages before and after, so the records look exactly like real ones.
 */
function trail(workflow: CompiledWorkflow, steps: Step[]): ReportRecord[] {
  let snapshot: EngineSnapshot = workflow.initialSnapshot();
  const records: ReportRecord[] = [
    { seq: 1, kind: 'created', eventType: 'CREATE', fromStages: [], toStages: workflow.activeStages(snapshot.value), payload: {}, details: {}, ...actor({ type: 'CREATE', at: steps[0].at }), reason: null, occurredAt: steps[0].at },
  ];
  for (const step of steps.slice(1)) {
    const event = { type: step.type, payload: step.payload ?? {}, actor: { role: step.role ?? 'secretariat', organisationId: step.organisationId ?? null }, organisationId: step.organisationId ?? null };
    if (!workflow.accepts(snapshot, event)) throw new Error(`${step.type} not accepted in ${JSON.stringify(snapshot.value)}`);
    const fromStages = workflow.activeStages(snapshot.value);
    snapshot = workflow.apply(snapshot, event);
    records.push({
      seq: records.length + 1,
      kind: 'transition',
      eventType: step.type,
      fromStages,
      toStages: workflow.activeStages(snapshot.value),
      payload: step.payload ?? {},
      details: step.details ?? {},
      ...actor(step),
      reason: step.reason ?? null,
      occurredAt: step.at,
    });
  }
  if (steps[0].details) records[0].details = steps[0].details;
  return records;
}

function actor(step: Step) {
  const role = step.role ?? 'secretariat';
  return {
    actorName: step.actorName ?? (role === 'system' ? 'Consultation Engine' : role === 'secretariat' ? 'Jane Officer' : 'Participant Person'),
    actorRole: role,
    actorOrganisationId: role === 'participant' ? (step.organisationId ?? null) : null,
    actorOrganisationName: null,
    organisationId: step.organisationId ?? null,
  };
}

const organisations = new Map<string, ReportOrganisation>(
  [
    ['belarus', 'Ministry of Communications and Informatization of the Republic of Belarus', 'Belarus', 'RCC/CIS', 'government'],
    ['kyrgyzstan', 'Ministry of Digital Development and Innovative Technologies of the Kyrgyz Republic', 'Kyrgyzstan', 'RCC/CIS', 'government'],
    ['ripe', 'RIPE NCC', 'Netherlands', 'Europe', 'technical_community'],
    ['armenia', 'The Ministry of the High-Tech Industry of the Republic of Armenia', 'Armenia', 'RCC/CIS', 'government'],
    ['mother-africa', 'Mother Africa International', 'United States of America', 'Americas', 'civil_society'],
    ['tanzania', 'Digital Agenda for Tanzania Initiative', 'United Republic of Tanzania', 'Africa', 'civil_society'],
    ['megafon', '“MegaFon” PJSC', 'Russian Federation', 'RCC/CIS', 'private_sector'],
    ['zorozion', 'Zorozion Prime', null, null, 'private_sector'],
    ['secret-org', 'Quiet Respondent Ltd', 'Nowhere', null, 'private_sector'],
  ].map(([id, name, country, region, stakeholderType]) => [id!, { id: id!, name: name!, country, region, stakeholderType }]),
);

function report(workflow: CompiledWorkflow, records: ReportRecord[], variant: ReportVariant = 'full', currentStages: string[] = []) {
  const input: ReportInput = {
    variant,
    generatedAt: new Date('2026-01-01T00:00:00Z'),
    contribution: { id: 'c1', symbol: 'RCC/WSIS+20/DECL', title: 'RCC Declaration on WSIS+20', source: 'RCC', originalLanguage: 'Russian', agendaItem: null, purpose: null, actionRequired: null, status: 'active', currentStages },
    workflow: { key: workflow.definition.key, version: 1, name: workflow.definition.name },
    definition: workflow.definition,
    records,
    organisations,
    integrity: { records: records.length, headSeq: records.length, headHash: 'f'.repeat(64), chainVerified: true, firstBreak: null, checkpoint: null },
  };
  return buildKeyStagesReport(input);
}

describe('key-stages report from the RCC Declaration trail', () => {
  const rcc = shipped('rcc-declaration.yaml');
  const records = trail(rcc, [
    { type: 'CREATE', at: '2024-12-04T09:00:00+03:00' },
    { type: 'SHARE_DRAFT', at: '2024-12-20T10:00:00+03:00', payload: { deadline: '2025-01-13' }, details: { deadlines: { proposals: { dueAt: '2025-01-13T20:59:59.999Z', timeZone: 'Europe/Moscow' } } } },
    { type: 'COMMENT', at: '2025-01-10T12:00:00+03:00', organisationId: 'belarus', role: 'participant', payload: { text: 'CONFIDENTIAL proposal text' } },
    { type: 'COMMENT', at: '2025-01-11T12:00:00+03:00', organisationId: 'belarus', role: 'participant', payload: { text: 'a second proposal' } },
    { type: 'NO_COMMENT', at: '2025-01-11T13:00:00+03:00', organisationId: 'kyrgyzstan', payload: { organisationId: 'kyrgyzstan' } },
    { type: 'CLOSE_ROUND', at: '2025-01-13T18:00:00+03:00' },
    { type: 'DECIDE', at: '2025-01-20T11:00:00+03:00', payload: { outcome: 'endorsed', body: 'RCC Working Group on Cooperation with ITU', meeting: { date: '2025-01-20' } } },
    { type: 'SHARE_DRAFT', at: '2025-02-28T10:00:00+03:00', payload: { deadline: '2025-04-11' } },
    { type: 'CLOSE_ROUND', at: '2025-04-11T18:00:00+03:00' },
    { type: 'PRESENT_PROPOSALS', at: '2025-04-24T11:00:00+03:00', organisationId: 'ripe', payload: { organisationId: 'ripe' } },
    { type: 'FINALISE_TEXT', at: '2025-04-24T17:00:00+03:00' },
    { type: 'DECIDE', at: '2025-04-25T15:00:00+03:00', payload: { outcome: 'endorsed', meeting: { date: '2025-04-25' } } },
    { type: 'DECIDE', at: '2025-05-21T12:00:00+03:00', payload: { outcome: 'endorsed', meeting: { date: '2025-05-21' } }, reason: 'resolved to publish the Declaration' },
    { type: 'ENDORSE', at: '2025-05-21T14:00:00+03:00', organisationId: 'armenia', payload: { organisationId: 'armenia', channel: 'online' } },
    { type: 'ENDORSE', at: '2025-05-26T10:00:00+03:00', organisationId: 'megafon', role: 'participant', payload: { channel: 'online' } },
    { type: 'ENDORSE', at: '2025-05-27T10:00:00+03:00', organisationId: 'kyrgyzstan', role: 'participant', payload: {} },
    { type: 'VERIFY_SIGNATORY', at: '2025-05-28T10:00:00+03:00', organisationId: 'megafon', payload: { organisationId: 'megafon' } },
    { type: 'ENDORSE', at: '2025-06-06T12:00:00+03:00', organisationId: 'mother-africa', payload: { organisationId: 'mother-africa', channel: 'event', event: { name: 'Global Digital Forum', date: '2025-06-06', location: 'Nizhny Novgorod, Russian Federation' } } },
    { type: 'ENDORSE', at: '2025-06-06T12:00:01+03:00', organisationId: 'tanzania', payload: { organisationId: 'tanzania', channel: 'event', event: { name: 'Global Digital Forum', date: '2025-06-06', location: 'Nizhny Novgorod, Russian Federation' } } },
    { type: 'ENDORSE', at: '2025-06-06T12:00:02+03:00', organisationId: 'zorozion', payload: { organisationId: 'zorozion', channel: 'event', event: { name: 'Global Digital Forum', date: '2025-06-06' } } },
    { type: 'WITHDRAW_ENDORSEMENT', at: '2025-06-10T12:00:00+03:00', organisationId: 'tanzania', payload: { organisationId: 'tanzania' } },
    { type: 'PRESENT', at: '2025-07-11T17:00:00+02:00', payload: { event: { name: 'WSIS+20 High-Level Event 2025', startDate: '2025-07-07', endDate: '2025-07-11', location: 'Geneva, Switzerland' } } },
    {
      type: 'SUBMIT',
      at: '2025-09-10T10:00:00-04:00',
      payload: { recipient: '80th session of the United Nations General Assembly', agendaItem: '15', agendaTitle: 'Information and communications technologies for sustainable development' },
    },
  ]);

  it('lists the stages of section II in order, with the dates the seed gives', () => {
    const result = report(rcc, records, 'full', ['open-endorsement', 'submitted']);
    expect(result.stages.map((stage) => [stage.stageId, stage.when.text])).toEqual([
      ['drafting', '4 – 20 December 2024'],
      ['proposals', '20 December 2024 – 13 January 2025'],
      ['wg-decision', '20 January 2025'],
      ['declaration-drafting', '20 January – 28 February 2025'],
      ['declaration-comments', '28 February – 11 April 2025'],
      ['editorial-session', '24 April 2025'],
      ['joint-endorsement', '25 April 2025'],
      ['board-endorsement', '21 May 2025'],
      ['open-endorsement', '6 June 2025'],
      ['high-level-event', '7 – 11 July 2025'],
      ['unga-submission', '10 September 2025'],
    ]);
  });

  it('words each stage with the definition’s own sentence', () => {
    const sentences = report(rcc, records).stages.map((stage) => stage.sentence);
    expect(sentences).toEqual([
      '4 – 20 December 2024 – the RCC Executive Committee worked on drafting the initial version of the contribution.',
      '20 December 2024 – 13 January 2025 – the Communications Administrations and members of subsidiary (working) bodies, having considered the draft contribution, submitted 2 proposals to the RCC Executive Committee.',
      '20 January 2025 – the RCC Working Group on Cooperation with ITU agreed upon the common input and decided that a draft Declaration be prepared.',
      '20 January – 28 February 2025 – in implementation of the decision, the RCC Executive Committee developed the draft Declaration and sent it for comments.',
      '28 February – 11 April 2025 – comments, observations and proposals on the draft Declaration were collected (0 responses).',
      '24 April 2025 – during the meeting of the RCC Working Group on Cooperation with ITU, an editorial session was held, during which RIPE NCC presented its proposals. Following the session, the text of the draft Declaration was finalized.',
      '25 April 2025 – the joint meeting of the RCC Commission on the Coordination of International Cooperation and the Working Group on Cooperation with ITU endorsed the draft Declaration.',
      '21 May 2025 – the RCC Board of the Communications Administrations Heads endorsed the Declaration and resolved to publish it to facilitate its endorsement by other organizations.',
      '6 June 2025 – the Declaration was open for endorsement during the Global Digital Forum (Nizhny Novgorod, Russian Federation); 4 parties have joined it (Annex: list of signatory parties).',
      '7 – 11 July 2025 – the Declaration was presented by the RCC Executive Committee at the WSIS+20 High-Level Event 2025 (Geneva, Switzerland).',
      '10 September 2025 – the Declaration was submitted for consideration by the 80th session of the United Nations General Assembly under agenda item 15 “Information and communications technologies for sustainable development”.',
    ]);
  });

  it('counts responses by organisation, and keeps the comment text out', () => {
    const result = report(rcc, records);
    const proposals = result.stages.find((stage) => stage.stageId === 'proposals')!;
    expect(proposals.responses).toEqual(
      expect.objectContaining({ organisations: 2, comments: 2, noComment: 1, submissions: 0, respondents: [{ name: organisations.get('belarus')!.name }, { name: organisations.get('kyrgyzstan')!.name }] }),
    );
    expect(JSON.stringify(result)).not.toContain('CONFIDENTIAL');
    expect(proposals.deadlines).toEqual([
      expect.objectContaining({ initialDueText: '13 January 2025', finalDueText: '13 January 2025', extensions: [], closedBy: 'event', closedOn: '13 January 2025' }),
    ]);
  });

  it('lists verified, non-withdrawn signatories in joining order, counted by stakeholder type and region', () => {
    const result = report(rcc, records);
    // Armenia and the forum signatures were recorded by the secretariat; MegaFon joined online and was verified;
    // Kyrgyzstan joined online and awaits verification; Tanzania withdrew.
    expect(result.signatories.map((s) => [s.position, s.name, s.joinedOn, s.channel])).toEqual([
      [1, 'The Ministry of the High-Tech Industry of the Republic of Armenia', '21 May 2025', 'online'],
      [2, '“MegaFon” PJSC', '26 May 2025', 'online'],
      [3, 'Mother Africa International', '6 June 2025', 'event'],
      [4, 'Zorozion Prime', '6 June 2025', 'event'],
    ]);
    expect(result.awaitingVerification!.map((s) => s.name)).toEqual([organisations.get('kyrgyzstan')!.name]);
    expect(result.endorsements).toEqual({
      total: 4,
      byStakeholderType: [
        { key: 'government', label: 'Governments and communications administrations', count: 1 },
        { key: 'private_sector', label: 'Private sector', count: 2 },
        { key: 'civil_society', label: 'Civil society', count: 1 },
      ],
      byRegion: [
        { key: 'RCC/CIS', label: 'RCC/CIS', count: 2 },
        { key: 'Americas', label: 'Americas', count: 1 },
        { key: null, label: 'Not stated', count: 1 },
      ],
      awaitingVerification: 1,
      withdrawn: 1,
    });
  });

  it('records the decisions with their body, meeting and reason', () => {
    const result = report(rcc, records);
    expect(result.decisions.map((d) => [d.stageId, d.outcome, d.body, d.meeting.text, d.reason])).toEqual([
      ['wg-decision', 'endorsed', 'RCC Working Group on Cooperation with ITU', '20 January 2025', null],
      ['joint-endorsement', 'endorsed', 'joint meeting of the RCC Commission on the Coordination of International Cooperation and the Working Group on Cooperation with ITU', '25 April 2025', null],
      ['board-endorsement', 'endorsed', 'RCC Board of the Communications Administrations Heads', '21 May 2025', 'resolved to publish the Declaration'],
    ]);
  });

  it('the public variant drops respondents, pending signatories, record numbers and personal names', () => {
    const result = report(rcc, records, 'public');
    const text = JSON.stringify(result);
    expect(text).not.toContain('Jane Officer');
    expect(text).not.toContain(organisations.get('kyrgyzstan')!.name);
    expect(result.awaitingVerification).toBeUndefined();
    expect(result.stages.every((stage) => stage.records === undefined)).toBe(true);
    expect(result.stages.find((stage) => stage.stageId === 'proposals')!.responses).toEqual({ organisations: 2, comments: 2, noComment: 1, submissions: 0, published: 0 });
    expect(result.signatories).toHaveLength(4);
  });

  it('words a stage still in progress as such, and gives a re-entered stage its visit number', () => {
    const partial = trail(rcc, [
      { type: 'CREATE', at: '2024-12-04T09:00:00+03:00' },
      { type: 'SHARE_DRAFT', at: '2024-12-20T10:00:00+03:00', payload: { deadline: '2025-01-13' } },
      { type: 'CLOSE_ROUND', at: '2025-01-13T18:00:00+03:00' },
      { type: 'DECIDE', at: '2025-01-20T11:00:00+03:00', payload: { outcome: 'returned', meeting: { date: '2025-01-20' } } },
      { type: 'SHARE_DRAFT', at: '2025-02-01T10:00:00+03:00', payload: { deadline: '2025-03-01' } },
      { type: 'COMMENT', at: '2025-02-03T10:00:00+03:00', organisationId: 'belarus', role: 'participant', payload: { text: 'x' } },
    ]);
    const result = report(rcc, partial, 'full', ['proposals']);
    expect(result.stages.map((s) => [s.stageId, s.visit, s.status])).toEqual([
      ['drafting', 1, 'completed'],
      ['proposals', 1, 'completed'],
      ['wg-decision', 1, 'completed'],
      ['drafting', 2, 'completed'],
      ['proposals', 2, 'in_progress'],
    ]);
    expect(result.stages[2].sentence).toBe('20 January 2025 – the RCC Working Group on Cooperation with ITU agreed upon the common input and decided that a draft Declaration be prepared.');
    expect(result.decisions[0].outcome).toBe('returned');
    expect(result.stages[4].sentence).toBe('From 1 February 2025 – Proposals from Communications Administrations (in progress; 1 response so far).');
    expect(result.stages[4].when).toEqual({ start: '2025-02-01', end: '2025-02-03', text: 'from 1 February 2025', ongoing: true });
  });
});

describe('key-stages report from a call for inputs', () => {
  const call = shipped('itu-call-for-inputs.yaml');
  const submission = (org: string, consent: boolean, at: string): Step => ({
    type: 'SUBMIT_ANSWERS',
    at,
    organisationId: org,
    role: 'participant',
    payload: { answers: [{ question: 1, text: `ANSWER TEXT of ${org}` }], consentToPublish: consent },
  });
  const records = trail(call, [
    { type: 'CREATE', at: '2024-07-15T09:00:00+02:00' },
    {
      type: 'LAUNCH_CALL',
      at: '2024-08-01T09:00:00+02:00',
      payload: { deadline: '2025-01-31' },
      details: { deadlines: { 'online-form': { dueAt: '2025-01-31T22:59:59.999Z', timeZone: 'Europe/Zurich' } } },
    },
    submission('belarus', true, '2024-09-01T10:00:00+02:00'),
    { type: 'HOLD_MEETING', at: '2024-10-10T10:00:00+02:00', payload: { meeting: { date: '2024-10-10', location: 'Geneva' } } },
    submission('secret-org', false, '2024-11-01T10:00:00+01:00'),
    submission('belarus', true, '2024-11-02T10:00:00+01:00'),
    {
      type: 'EXTEND_DEADLINE',
      at: '2025-01-20T10:00:00+01:00',
      payload: { dueAt: '2025-03-14' },
      reason: 'following several requests received from stakeholders',
      details: {
        extension: {
          stage: 'online-form',
          organisationId: null,
          oldDueAt: '2025-01-31T22:59:59.999Z',
          newDueAt: '2025-03-14T22:59:59.999Z',
          timeZone: 'Europe/Zurich',
          authorisedBy: 'Jane Officer',
        },
      },
    },
    { type: 'HOLD_MEETING', at: '2025-02-12T10:00:00+01:00', payload: { meeting: { date: '2025-02-12' } } },
    submission('ripe', true, '2025-03-01T10:00:00+01:00'),
    {
      type: 'DEADLINE.online-form',
      at: '2025-03-15T08:00:00+01:00',
      role: 'system',
      payload: { deadlineId: 'd1', generation: 2 },
      details: { deadline: { dueAt: '2025-03-14T22:59:59.999Z', firedAt: '2025-03-15T07:00:00.000Z', lateByMs: 28_800_001 } },
    },
  ]);

  it('shows the deadline extension with its reason and the submission count', () => {
    const result = report(call, records, 'full', ['analysis']);
    const form = result.stages.find((stage) => stage.stageId === 'online-form')!;
    expect(form.when.text).toBe('1 August 2024 – 14 March 2025');
    expect(form.sentence).toBe('1 August 2024 – 14 March 2025 – the online form was open to all stakeholders; 3 submissions were received.');
    expect(form.responses).toEqual(
      expect.objectContaining({ organisations: 3, submissions: 3, published: 2, publishedSubmissions: [organisations.get('belarus')!.name, 'RIPE NCC'] }),
    );
    expect(result.deadlines).toEqual([
      {
        stageId: 'online-form',
        stageTitle: 'Online form',
        timeZone: 'Europe/Zurich',
        initialDueAt: '2025-01-31T22:59:59.999Z',
        initialDueText: '31 January 2025',
        finalDueAt: '2025-03-14T22:59:59.999Z',
        finalDueText: '14 March 2025',
        extensions: [
          {
            organisation: null,
            oldDueAt: '2025-01-31T22:59:59.999Z',
            newDueAt: '2025-03-14T22:59:59.999Z',
            oldDueText: '31 January 2025',
            newDueText: '14 March 2025',
            decidedOn: '20 January 2025',
            reason: 'following several requests received from stakeholders',
            authorisedBy: 'Jane Officer',
          },
        ],
        closedBy: 'deadline',
        closedOn: '14 March 2025',
      },
    ]);
  });

  it('dates generic meeting stages by their meeting', () => {
    const result = report(call, records, 'full', ['analysis']);
    expect(result.stages.filter((s) => s.stageId.endsWith('-meeting')).map((s) => s.sentence)).toEqual([
      '10 October 2024 – first physical meeting of the CWG-WSIS&SDG.',
      '12 February 2025 – second physical meeting of the CWG-WSIS&SDG.',
    ]);
  });

  it('publicly names only the organisations that consented, and never the answers', () => {
    const result = report(call, records, 'public', ['analysis']);
    const text = JSON.stringify(result);
    expect(text).not.toContain('Quiet Respondent Ltd');
    expect(text).not.toContain('ANSWER TEXT');
    expect(text).not.toContain('Jane Officer');
    expect(result.deadlines[0].extensions[0]).toEqual(expect.objectContaining({ reason: 'following several requests received from stakeholders' }));
    expect(result.deadlines[0].extensions[0].authorisedBy).toBeUndefined();
    const form = result.stages.find((stage) => stage.stageId === 'online-form')!;
    expect(form.responses).toEqual({ organisations: 3, comments: 0, noComment: 0, submissions: 3, published: 2, publishedSubmissions: [organisations.get('belarus')!.name, 'RIPE NCC'] });
  });
});

describe('stages marked public: false', () => {
  const workflow = compile(`
id: internal-review
name: Two rounds
timezone: UTC
stages:
  - id: internal-review
    kind: comment_round
    title: Internal review
    public: false
    next: public-round
  - id: public-round
    kind: comment_round
    title: Public comment round
    next: done
  - id: done
    kind: final
`);
  const records = trail(workflow, [
    { type: 'CREATE', at: '2025-01-01T09:00:00Z' },
    { type: 'COMMENT', at: '2025-01-02T09:00:00Z', organisationId: 'secret-org', role: 'participant', payload: { text: 'internal' } },
    { type: 'CLOSE_ROUND', at: '2025-01-05T09:00:00Z' },
    { type: 'CLOSE_ROUND', at: '2025-01-20T09:00:00Z' },
  ]);

  it('are in the full report and absent from the public one, with their facts', () => {
    expect(report(workflow, records, 'full').stages.map((s) => s.stageId)).toEqual(['internal-review', 'public-round']);
    const publicReport = report(workflow, records, 'public');
    expect(publicReport.stages.map((s) => s.sentence)).toEqual(['5 – 20 January 2025 – Public comment round: 0 organisations responded (0 comments or proposals).']);
    expect(JSON.stringify(publicReport)).not.toContain('Internal review');
  });
});
