import { STAKEHOLDER_TYPES } from '../organisations/entities/organisation.entity';
import { DEADLINE_EVENT_PREFIX, EXTEND_DEADLINE_EVENT, StageKind, StageSpec, WorkflowDefinition } from '../workflows/definition/definition.types';
import { indexStages, StageIndex } from '../workflows/definition/stage-index.util';
import {
  KeyStagesReport,
  ReportCount,
  ReportDeadline,
  ReportDecision,
  ReportIntegrity,
  ReportResponses,
  ReportSignatory,
  ReportStage,
  ReportVariant,
  ReportWhen,
} from './key-stages.model';
import { CalendarDay, dayOf, formatDay, formatDays, formatDue, formatRange, payloadDay } from './report-dates.util';
import {
  DEFAULT_SENTENCES,
  eventPhrase,
  eventsPhrase,
  leadingDate,
  outcomePhrase,
  presentersPhrase,
  recipientPhrase,
  renderSentence,
  SentenceValues,
} from './report-sentence.util';

/** What the report reads of a transition record (everything is in the audit trail). */
export interface ReportRecord {
  seq: number;
  kind: string;
  eventType: string;
  fromStages: string[];
  toStages: string[];
  payload: Record<string, unknown>;
  details: Record<string, unknown>;
  actorName: string | null;
  actorRole: string;
  actorOrganisationId: string | null;
  actorOrganisationName: string | null;
  organisationId: string | null;
  reason: string | null;
  occurredAt: Date | string;
}

export interface ReportOrganisation {
  id: string;
  name: string;
  country: string | null;
  region: string | null;
  stakeholderType: string | null;
}

export interface ReportInput {
  variant: ReportVariant;
  generatedAt: Date;
  contribution: Omit<KeyStagesReport['contribution'], 'currentStages'> & { currentStages: string[] };
  workflow: { key: string; version: number; name: string };
  definition: WorkflowDefinition;
  records: ReportRecord[];
  organisations: Map<string, ReportOrganisation>;
  integrity: ReportIntegrity;
}

/** Kinds whose sentence leads with the day of their meeting or event rather than a span. */
const POINT_KINDS = new Set<StageKind>(['decision', 'editorial_session', 'reading', 'presentation', 'submission']);
const RESPONSE_EVENTS = new Set(['COMMENT', 'NO_COMMENT', 'SUBMIT_ANSWERS']);
const ENDORSEMENT_EVENTS = new Set(['ENDORSE', 'WITHDRAW_ENDORSEMENT', 'VERIFY_SIGNATORY']);

export const STAKEHOLDER_LABELS: Record<string, string> = {
  government: 'Governments and communications administrations',
  international_organisation: 'International organisations',
  private_sector: 'Private sector',
  civil_society: 'Civil society',
  academia: 'Academia',
  technical_community: 'Technical community',
};

interface Visit {
  stage: StageSpec;
  number: number;
  entry: ReportRecord;
  exit?: ReportRecord;
  records: ReportRecord[];
  deadline?: { dueAt: string; timeZone?: string };
}

/**
 * Builds the key-stages report from the audit trail of one contribution. Every fact comes from
 * a transition record: which stages were entered and left and when, the payloads of decisions,
 * presentations and submissions, the deadlines set on entry and every extension, the responses
 * and the endorsements. Pure: the same records always give the same report.
 */
export function buildKeyStagesReport(input: ReportInput): KeyStagesReport {
  const index = indexStages(input.definition);
  const timeZone = input.definition.timeZone;
  const full = input.variant === 'full';
  const records = [...input.records].sort((a, b) => a.seq - b.seq);
  const visible = (stageId: string) => full || isPublicStage(index, stageId);
  const visits = walkVisits(records, index).filter((visit) => visible(visit.stage.id) && DEFAULT_SENTENCES[visit.stage.kind] !== null);
  const organisationName = (id: string | null | undefined, fallback?: string | null) => (id ? (input.organisations.get(id)?.name ?? fallback ?? id) : (fallback ?? null));

  const { annex, awaiting, withdrawn } = signatories(
    visits.flatMap((visit) => visit.records.filter((record) => ENDORSEMENT_EVENTS.has(record.eventType))),
    input.organisations,
    timeZone,
  );

  const stages = visits
    .map((visit) => describeVisit(visit, { timeZone, full, organisationName, endorsements: annex.length }))
    .sort((a, b) => (a.stage.when.start < b.stage.when.start ? -1 : a.stage.when.start > b.stage.when.start ? 1 : a.entrySeq - b.entrySeq))
    .map((entry) => entry.stage);

  return {
    variant: input.variant,
    generatedAt: input.generatedAt.toISOString(),
    contribution: {
      ...input.contribution,
      currentStages: input.contribution.currentStages.filter(visible).map((id) => index.stages.get(id)?.stage.title ?? id),
    },
    workflow: { ...input.workflow, timeZone },
    stages,
    deadlines: stages.flatMap((stage) => stage.deadlines),
    decisions: stages.flatMap((stage) => stage.decisions ?? []),
    endorsements: {
      total: annex.length,
      byStakeholderType: countBy(annex, (s) => s.stakeholderType, (key) => STAKEHOLDER_LABELS[key] ?? key, STAKEHOLDER_TYPES),
      byRegion: countBy(annex, (s) => s.region, (key) => key),
      ...(full ? { awaitingVerification: awaiting.length, withdrawn } : {}),
    },
    signatories: annex,
    ...(full ? { awaitingVerification: awaiting } : {}),
    integrity: input.integrity,
  };
}

function isPublicStage(index: StageIndex, stageId: string): boolean {
  const entry = index.stages.get(stageId);
  if (!entry) return false;
  return entry.stage.public && entry.ancestors.every((id) => index.stages.get(id)?.stage.public !== false);
}

/** Follows stage entries and exits through the trail and gives each record to the stage it belongs to. */
function walkVisits(records: ReportRecord[], index: StageIndex): Visit[] {
  const open = new Map<string, Visit>();
  const visits: Visit[] = [];
  const entries = new Map<string, number>();
  for (const record of records) {
    if (record.kind === 'noop') continue;
    owner(record, open, index)?.records.push(record);
    const before = new Set(record.fromStages);
    const after = new Set(record.toStages);
    for (const id of record.fromStages) {
      if (after.has(id)) continue;
      const visit = open.get(id);
      if (visit) visit.exit = record;
      open.delete(id);
    }
    for (const id of record.toStages) {
      if (before.has(id)) continue;
      const stage = index.stages.get(id)?.stage;
      if (!stage) continue;
      const number = (entries.get(id) ?? 0) + 1;
      entries.set(id, number);
      const deadlines = record.details.deadlines as Record<string, { dueAt?: string; timeZone?: string }> | undefined;
      const deadline = deadlines?.[id]?.dueAt ? { dueAt: deadlines[id].dueAt!, timeZone: deadlines[id].timeZone } : undefined;
      const visit: Visit = { stage, number, entry: record, records: [], deadline };
      open.set(id, visit);
      visits.push(visit);
    }
  }
  return visits;
}

function owner(record: ReportRecord, open: Map<string, Visit>, index: StageIndex): Visit | undefined {
  if (record.eventType === EXTEND_DEADLINE_EVENT) {
    const stage = (record.details.extension as { stage?: string } | undefined)?.stage;
    return stage ? open.get(stage) : undefined;
  }
  if (record.eventType.startsWith(DEADLINE_EVENT_PREFIX)) return open.get(record.eventType.slice(DEADLINE_EVENT_PREFIX.length));
  const candidates = record.fromStages.filter((id) => open.has(id) && index.stages.get(id)?.stage.transitions.some((t) => t.event === record.eventType));
  // fromStages lists enclosing stages before the stages inside them: the innermost accepting stage owns the event.
  return candidates.length ? open.get(candidates[candidates.length - 1]) : undefined;
}

interface DescribeContext {
  timeZone: string;
  full: boolean;
  organisationName: (id: string | null | undefined, fallback?: string | null) => string | null;
  endorsements: number;
}

function describeVisit(visit: Visit, context: DescribeContext): { stage: ReportStage; entrySeq: number } {
  const { stage, entry, exit } = visit;
  const { timeZone, full } = context;
  const completed = exit !== undefined;
  const entryDay = dayOf(entry.occurredAt, timeZone);
  const exitInstant = exit ? closingInstant(exit) : undefined;
  const exitDay = exitInstant ? dayOf(exitInstant, timeZone) : undefined;
  const lastDay = visit.records.reduce<CalendarDay>((latest, record) => {
    const day = dayOf(record.occurredAt, timeZone);
    return day > latest ? day : latest;
  }, entryDay);

  const period: ReportWhen = completed
    ? span(entryDay, exitDay!, false)
    : { start: entryDay, end: lastDay, text: `from ${formatDay(entryDay)}`, ongoing: true };

  const orgName = (record: ReportRecord) => context.organisationName(subject(record), record.actorOrganisationName);
  const decisions = visit.records.filter((r) => r.eventType === 'DECIDE').map((r) => decisionOf(r, stage, timeZone));
  const lastDecision = decisions[decisions.length - 1];
  const responses = responsesOf(visit.records, full, orgName);
  const presenters = unique(visit.records.filter((r) => r.eventType === 'PRESENT_PROPOSALS').map((r) => orgName(r)).filter((n): n is string => !!n));
  const presentation = lastPayload(visit.records, 'PRESENT')?.event as { name?: string; startDate?: string; endDate?: string; location?: string } | undefined;
  const submitted = lastPayload(visit.records, 'SUBMIT') as { recipient?: string; agendaItem?: string; agendaTitle?: string; symbol?: string } | undefined;
  const reading = lastPayload(visit.records, 'RECORD_READING') as { meeting?: { room?: string }; outcome?: string } | undefined;
  const endorsementEvents = uniqueBy(
    visit.records
      .filter((r) => r.eventType === 'ENDORSE' && r.payload.event && typeof r.payload.event === 'object')
      .map((r) => r.payload.event as { name?: string; date?: string; location?: string })
      .filter((event) => typeof event.name === 'string')
      .map((event) => ({ name: event.name!, date: payloadDay(event.date, timeZone) ?? null, location: event.location ?? null })),
    (event) => `${event.name}|${event.date}`,
  );

  const point = pointOf(exit, timeZone) ?? (completed ? span(exitDay!, exitDay!, false) : span(entryDay, entryDay, true));
  const dateValue: ReportWhen =
    stage.kind === 'open_endorsement'
      ? endorsementEvents.some((event) => event.date)
        ? daysWhen(endorsementEvents.map((event) => event.date).filter((d): d is string => !!d), !completed)
        : completed
          ? span(exitDay!, exitDay!, false)
          : span(entryDay, entryDay, true)
      : point;
  const datesValue: ReportWhen = POINT_KINDS.has(stage.kind) ? point : period;

  const template = stage.report ?? DEFAULT_SENTENCES[stage.kind]!;
  const leads = leadingDate(template) ?? (POINT_KINDS.has(stage.kind) ? 'date' : 'dates');
  const inProgressWording = !completed && stage.kind !== 'open_endorsement';
  const when = inProgressWording ? period : leads === 'date' ? dateValue : datesValue;

  const cosponsors = netMembers(visit.records, 'JOIN_AS_COSPONSOR', 'WITHDRAW_COSPONSORSHIP').map((id) => context.organisationName(id) ?? id);
  const values: SentenceValues = {
    date: dateValue.text,
    dates: datesValue.text,
    title: stage.title,
    body: lastDecision?.body ?? stage.body ?? 'secretariat',
    outcome: lastDecision ? outcomePhrase(lastDecision.outcome) : 'considered',
    responses: String(responses?.organisations ?? 0),
    comments: String(responses?.comments ?? 0),
    endorsements: String(context.endorsements),
    event: eventPhrase(presentation?.name ? { name: presentation.name, location: presentation.location } : undefined) ?? 'event',
    events: eventsPhrase(uniqueBy(endorsementEvents, (event) => event.name)),
    recipient: submitted?.recipient ? recipientPhrase({ recipient: submitted.recipient, agendaItem: submitted.agendaItem, agendaTitle: submitted.agendaTitle, symbol: submitted.symbol }) : 'recipient',
    room: reading?.meeting?.room ?? 'room not recorded',
    presenters: presentersPhrase(presenters),
  };
  const sentence = inProgressWording
    ? `From ${formatDay(entryDay)} – ${stage.title} (in progress${responses && responses.organisations > 0 ? `; ${responses.organisations} ${responses.organisations === 1 ? 'response' : 'responses'} so far` : ''}).`
    : renderSentence(template, values);

  const result: ReportStage = {
    stageId: stage.id,
    kind: stage.kind,
    title: stage.title,
    body: stage.body ?? lastDecision?.body ?? null,
    visit: visit.number,
    status: completed ? 'completed' : 'in_progress',
    when,
    period,
    sentence,
    enteredAt: new Date(entry.occurredAt).toISOString(),
    completedAt: exitInstant ? exitInstant.toISOString() : null,
    completedBy: exit?.eventType ?? null,
    deadlines: deadlinesOf(visit, context),
  };
  if (responses) result.responses = responses;
  if (decisions.length) result.decisions = decisions;
  if (presenters.length) result.presenters = presenters;
  if (presentation?.name) {
    result.event = { name: presentation.name, startDate: presentation.startDate ?? null, endDate: presentation.endDate ?? null, location: presentation.location ?? null };
  }
  if (submitted?.recipient) {
    result.submission = {
      recipient: submitted.recipient,
      agendaItem: submitted.agendaItem ?? null,
      agendaTitle: submitted.agendaTitle ?? null,
      symbol: submitted.symbol ?? null,
      cosponsors,
    };
  }
  if (reading) result.reading = { room: reading.meeting?.room ?? null, outcome: reading.outcome ?? null };
  if (endorsementEvents.length) result.endorsementEvents = endorsementEvents;
  if (full) result.records = unique([entry.seq, ...visit.records.map((r) => r.seq), ...(exit ? [exit.seq] : [])]).sort((a, b) => a - b);
  return { stage: result, entrySeq: entry.seq };
}

/** A deadline firing closes a stage at the due instant, even if the job ran late. */
function closingInstant(record: ReportRecord): Date {
  const dueAt = (record.details.deadline as { dueAt?: string } | undefined)?.dueAt;
  if (record.eventType.startsWith(DEADLINE_EVENT_PREFIX) && dueAt) return new Date(dueAt);
  return new Date(record.occurredAt);
}

function span(start: CalendarDay, end: CalendarDay, ongoing: boolean): ReportWhen {
  const last = end < start ? start : end;
  return { start, end: last, text: formatRange(start, last), ongoing };
}

function daysWhen(days: CalendarDay[], ongoing: boolean): ReportWhen {
  const sorted = [...days].sort();
  return { start: sorted[0], end: sorted[sorted.length - 1], text: formatDays(sorted), ongoing };
}

/** The day of the meeting or event a completing record names, if it names one. */
function pointOf(record: ReportRecord | undefined, timeZone: string): ReportWhen | undefined {
  if (!record) return undefined;
  const payload = record.payload;
  const meeting = payload.meeting as { date?: unknown } | undefined;
  const event = payload.event as { startDate?: unknown; endDate?: unknown; date?: unknown } | undefined;
  const meetingDay = payloadDay(meeting?.date, timeZone);
  if (meetingDay) return span(meetingDay, meetingDay, false);
  const start = payloadDay(event?.startDate, timeZone) ?? payloadDay(event?.date, timeZone);
  if (start) return span(start, payloadDay(event?.endDate, timeZone) ?? start, false);
  const day = payloadDay(payload.date, timeZone);
  return day ? span(day, day, false) : undefined;
}

function subject(record: ReportRecord): string | null {
  return record.organisationId ?? (typeof record.payload.organisationId === 'string' ? record.payload.organisationId : null) ?? record.actorOrganisationId;
}

function decisionOf(record: ReportRecord, stage: StageSpec, timeZone: string): ReportDecision {
  const meeting = (record.payload.meeting ?? {}) as { date?: unknown; location?: unknown };
  const day = payloadDay(meeting.date, timeZone);
  return {
    stageId: stage.id,
    outcome: String(record.payload.outcome ?? ''),
    body: typeof record.payload.body === 'string' ? record.payload.body : (stage.body ?? null),
    meeting: { date: day ?? null, text: day ? formatDay(day) : null, location: typeof meeting.location === 'string' ? meeting.location : null },
    reason: record.reason,
  };
}

function responsesOf(
  records: ReportRecord[],
  full: boolean,
  orgName: (record: ReportRecord) => string | null,
): ReportResponses | undefined {
  const relevant = records.filter((record) => RESPONSE_EVENTS.has(record.eventType));
  if (relevant.length === 0) return undefined;
  const respondents = new Map<string, { name: string; consentToPublish?: boolean }>();
  let comments = 0;
  let noComment = 0;
  for (const record of relevant) {
    const key = subject(record) ?? `actor:${record.actorName ?? record.seq}`;
    const name = orgName(record) ?? 'an unnamed organisation';
    const entry = respondents.get(key) ?? { name };
    if (record.eventType === 'COMMENT') comments++;
    if (record.eventType === 'NO_COMMENT') noComment++;
    // One submission per organisation; a resubmission replaces it, consent included.
    if (record.eventType === 'SUBMIT_ANSWERS') entry.consentToPublish = record.payload.consentToPublish === true;
    respondents.set(key, entry);
  }
  const submitters = [...respondents.values()].filter((r) => r.consentToPublish !== undefined);
  const published = submitters.filter((r) => r.consentToPublish).map((r) => r.name);
  const responses: ReportResponses = {
    organisations: respondents.size,
    comments,
    noComment,
    submissions: submitters.length,
    published: published.length,
  };
  if (submitters.length) responses.publishedSubmissions = published;
  if (full) responses.respondents = [...respondents.values()];
  return responses;
}

function deadlinesOf(visit: Visit, context: DescribeContext): ReportDeadline[] {
  const extensions = visit.records.filter((record) => record.eventType === EXTEND_DEADLINE_EVENT && record.details.extension);
  if (!visit.deadline && extensions.length === 0) return [];
  const zone = visit.deadline?.timeZone ?? (extensions[0]?.details.extension as { timeZone?: string } | undefined)?.timeZone ?? context.timeZone;
  let finalDueAt = visit.deadline?.dueAt ?? null;
  const described = extensions.map((record) => {
    const extension = record.details.extension as { oldDueAt: string; newDueAt: string; timeZone?: string; authorisedBy?: string; organisationId?: string | null };
    const tz = extension.timeZone ?? zone;
    if (!extension.organisationId) finalDueAt = extension.newDueAt;
    return {
      organisation: extension.organisationId ? context.organisationName(extension.organisationId) : null,
      oldDueAt: extension.oldDueAt,
      newDueAt: extension.newDueAt,
      oldDueText: formatDue(extension.oldDueAt, tz),
      newDueText: formatDue(extension.newDueAt, tz),
      decidedOn: formatDay(dayOf(record.occurredAt, context.timeZone)),
      reason: record.reason,
      ...(context.full ? { authorisedBy: extension.authorisedBy ?? record.actorName } : {}),
    };
  });
  const closedBy = visit.exit ? (visit.exit.eventType.startsWith(DEADLINE_EVENT_PREFIX) ? 'deadline' : 'event') : null;
  return [
    {
      stageId: visit.stage.id,
      stageTitle: visit.stage.title,
      timeZone: zone,
      initialDueAt: visit.deadline?.dueAt ?? null,
      initialDueText: visit.deadline ? formatDue(visit.deadline.dueAt, zone) : null,
      finalDueAt,
      finalDueText: finalDueAt ? formatDue(finalDueAt, zone) : null,
      extensions: described,
      closedBy,
      closedOn: visit.exit ? formatDay(dayOf(closingInstant(visit.exit), context.timeZone)) : null,
    },
  ];
}

/**
 * The signatory list: organisations that joined and have not withdrawn, in joining order. A
 * signature counts once verified: recorded by the secretariat on the organisation's behalf, or
 * confirmed by VERIFY_SIGNATORY after the organisation joined by itself.
 */
function signatories(records: ReportRecord[], organisations: Map<string, ReportOrganisation>, timeZone: string) {
  const state = new Map<string, { active: boolean; verified: boolean; joinedAt: Date; seq: number; channel: 'online' | 'event'; event: string | null; withdrew: boolean }>();
  for (const record of [...records].sort((a, b) => a.seq - b.seq)) {
    const id = subject(record);
    if (!id) continue;
    const current = state.get(id);
    if (record.eventType === 'ENDORSE') {
      if (current?.active) continue;
      const event = record.payload.event as { name?: string } | undefined;
      state.set(id, {
        active: true,
        verified: record.actorRole === 'secretariat',
        joinedAt: new Date(record.occurredAt),
        seq: record.seq,
        channel: record.payload.channel === 'event' || (record.payload.channel === undefined && event?.name) ? 'event' : 'online',
        event: event?.name ?? null,
        withdrew: false,
      });
    } else if (record.eventType === 'WITHDRAW_ENDORSEMENT' && current?.active) {
      Object.assign(current, { active: false, verified: false, withdrew: true });
    } else if (record.eventType === 'VERIFY_SIGNATORY' && current?.active) {
      current.verified = true;
    }
  }
  const entries = [...state.entries()].filter(([, s]) => s.active).sort(([, a], [, b]) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.seq - b.seq);
  const toSignatory = ([id, s]: (typeof entries)[number], position: number): ReportSignatory => {
    const organisation = organisations.get(id);
    return {
      position,
      name: organisation?.name ?? id,
      country: organisation?.country ?? null,
      stakeholderType: organisation?.stakeholderType ?? null,
      region: organisation?.region ?? null,
      joinedOn: formatDay(dayOf(s.joinedAt, timeZone)),
      channel: s.channel,
      event: s.event,
    };
  };
  return {
    annex: entries.filter(([, s]) => s.verified).map((entry, index) => toSignatory(entry, index + 1)),
    awaiting: entries.filter(([, s]) => !s.verified).map((entry, index) => toSignatory(entry, index + 1)),
    withdrawn: [...state.values()].filter((s) => !s.active && s.withdrew).length,
  };
}

function countBy(list: ReportSignatory[], key: (s: ReportSignatory) => string | null, label: (key: string) => string, order?: readonly string[]): ReportCount[] {
  const counts = new Map<string | null, number>();
  for (const item of list) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  const rank = (k: string | null) => (k === null ? Infinity : order ? order.indexOf(k) : 0);
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => rank(a) - rank(b) || (order ? 0 : y - x) || String(a).localeCompare(String(b)))
    .map(([k, count]) => ({ key: k, label: k === null ? 'Not stated' : label(k), count }));
}

function netMembers(records: ReportRecord[], join: string, leave: string): string[] {
  const members: string[] = [];
  for (const record of records) {
    const id = subject(record);
    if (!id) continue;
    if (record.eventType === join && !members.includes(id)) members.push(id);
    if (record.eventType === leave) {
      const at = members.indexOf(id);
      if (at >= 0) members.splice(at, 1);
    }
  }
  return members;
}

function lastPayload(records: ReportRecord[], eventType: string): Record<string, unknown> | undefined {
  for (let i = records.length - 1; i >= 0; i--) if (records[i].eventType === eventType) return records[i].payload;
  return undefined;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}
