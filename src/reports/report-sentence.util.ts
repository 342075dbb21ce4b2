import type { StageKind } from '../workflows/definition/definition.types';

/**
 * The sentences of the key-stages report. A definition words its own with `report:` and
 * placeholders (docs/workflow-definitions.md, "Report sentences"); otherwise each kind has one.
 */
export const REPORT_PLACEHOLDERS = [
  'date',
  'dates',
  'title',
  'body',
  'outcome',
  'responses',
  'comments',
  'endorsements',
  'event',
  'events',
  'recipient',
  'room',
  'presenters',
] as const;
export type ReportPlaceholder = (typeof REPORT_PLACEHOLDERS)[number];
export type SentenceValues = Partial<Record<ReportPlaceholder, string>>;

export const DEFAULT_SENTENCES: Record<StageKind, string | null> = {
  stage: '{dates} – {title}.',
  drafting: '{dates} – the {body} prepared the draft text ({title}).',
  comment_round: '{dates} – {title}: {responses} organisations responded ({comments} comments or proposals).',
  questionnaire: '{dates} – {title}: {responses} submissions were received.',
  editorial_session: '{date} – an editorial session of the {body} was held{presenters}, and the text was finalised.',
  reading: '{date} – {title}: the text was read by the {body} ({room}).',
  decision: '{date} – the {body} {outcome} the text.',
  open_endorsement: '{dates} – the text was open for endorsement{events}; {endorsements} parties have joined it.',
  presentation: '{dates} – the text was presented at the {event}.',
  submission: '{date} – the text was submitted to the {recipient}.',
  parallel: null,
  final: null,
};

/** Which date a sentence leads with: the one its template names first. */
export function leadingDate(template: string): 'date' | 'dates' | undefined {
  const match = /\{(dates?)\}/.exec(template);
  return match ? (match[1] as 'date' | 'dates') : undefined;
}

/**
 * Fills the placeholders it has values for; an unknown or unfilled placeholder is left as it is,
 * so a typo in a definition shows in the report instead of silently vanishing.
 */
export function renderSentence(template: string, values: SentenceValues): string {
  const filled = template.replace(/\{([a-z]+)\}/g, (whole, name: string) => {
    const value = values[name as ReportPlaceholder];
    return value === undefined ? whole : value;
  });
  return filled.charAt(0).toUpperCase() + filled.slice(1);
}

const OUTCOME_PHRASES: Record<string, string> = {
  endorsed: 'endorsed',
  adopted: 'adopted',
  approved: 'approved',
  returned: 'returned for revision',
  noted: 'took note of',
  rejected: 'rejected',
  deferred: 'deferred its decision on',
};

/** A decision outcome as the verb of "the Board {outcome} the Declaration". */
export function outcomePhrase(outcome: string): string {
  return OUTCOME_PHRASES[outcome] ?? outcome;
}

/** "A", "A and B", "A, B and C". */
export function listPhrase(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** ", during which RIPE NCC presented its proposals" (empty when nobody presented). */
export function presentersPhrase(names: string[]): string {
  if (names.length === 0) return '';
  return `, during which ${listPhrase(names)} presented ${names.length === 1 ? 'its' : 'their'} proposals`;
}

/** " during the Global Digital Forum (Nizhny Novgorod, Russian Federation)" (empty when every endorsement came online). */
export function eventsPhrase(events: Array<{ name: string; location?: string | null }>): string {
  if (events.length === 0) return '';
  return ` during ${listPhrase(events.map((event) => `the ${stripArticle(event.name)}${event.location ? ` (${event.location})` : ''}`))}`;
}

/** "WSIS+20 High-Level Event 2025 (Geneva, Switzerland)". */
export function eventPhrase(event: { name: string; location?: string | null } | undefined): string | undefined {
  if (!event) return undefined;
  return `${stripArticle(event.name)}${event.location ? ` (${event.location})` : ''}`;
}

/** "80th session of the United Nations General Assembly under agenda item 15 “…”". */
export function recipientPhrase(submission: { recipient: string; agendaItem?: string | null; agendaTitle?: string | null; symbol?: string | null }): string {
  let text = stripArticle(submission.recipient);
  if (submission.agendaItem) text += ` under agenda item ${submission.agendaItem}${submission.agendaTitle ? ` “${submission.agendaTitle}”` : ''}`;
  else if (submission.agendaTitle) text += ` under the agenda item “${submission.agendaTitle}”`;
  if (submission.symbol) text += ` (document ${submission.symbol})`;
  return text;
}

/** Templates say "the {event}"; a name that already starts with "the" should not read "the the". */
function stripArticle(name: string): string {
  return name.replace(/^the\s+/i, '');
}
