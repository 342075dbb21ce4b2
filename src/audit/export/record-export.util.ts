import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { TransitionRecord } from '../entities/transition-record.entity';
import { ChainedFields, HASH_FORMAT_VERSION } from '../hash-chain.util';
import { transitionRecordView } from '../transition-record.view';

/**
 * The export file format, shared by the server that writes it and the offline verifier that
 * reads it: NDJSON, a header line, one line per transition record (the API's record view, with
 * its hashes), and a trailer line that says how many records were written, so a cut-off file
 * is told apart from a short chain.
 */
export const EXPORT_FORMAT = 'consultation-engine/transition-records';
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportHeader {
  export: typeof EXPORT_FORMAT;
  version: typeof EXPORT_FORMAT_VERSION;
  hashFormat: number;
  scope: 'all' | 'contribution';
  contributionId: string | null;
  exportedAt: string;
}

export interface ExportTrailer {
  end: true;
  records: number;
  contributions: number;
}

export type ExportedRecord = ChainedFields & { id: string | null; hash: string };

export function exportHeader(scope: ExportHeader['scope'], contributionId: string | null, exportedAt = new Date()): ExportHeader {
  return { export: EXPORT_FORMAT, version: EXPORT_FORMAT_VERSION, hashFormat: HASH_FORMAT_VERSION, scope, contributionId, exportedAt: exportedAt.toISOString() };
}

export function exportTrailer(records: number, contributions: number): ExportTrailer {
  return { end: true, records, contributions };
}

export function ndjsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

export function recordLine(record: TransitionRecord): string {
  return ndjsonLine(transitionRecordView(record));
}

const nullableText = z.string().nullable();
const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO-8601 date-time');
const jsonObject = z.record(z.string(), z.unknown());

const recordLineSchema = z.object({
  id: z.union([z.string(), z.number()]).nullable().optional(),
  contributionId: z.string().min(1),
  seq: z.number().int().min(1),
  kind: z.string(),
  eventType: z.string(),
  fromStages: z.array(z.string()),
  toStages: z.array(z.string()),
  payload: jsonObject,
  details: jsonObject,
  actor: z.object({
    personId: nullableText,
    name: nullableText,
    role: z.string(),
    organisationId: nullableText,
    organisationName: nullableText,
  }),
  organisationId: nullableText,
  reason: nullableText,
  occurredAt: instant,
  recordedAt: instant,
  definition: z.object({ id: z.string(), key: z.string(), version: z.number().int() }),
  contributionVersion: z.number().int(),
  prevHash: nullableText,
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest'),
});

const headerSchema = z.object({
  export: z.literal(EXPORT_FORMAT),
  version: z.number().int(),
  hashFormat: z.number().int(),
  scope: z.enum(['all', 'contribution']),
  contributionId: z.string().nullable(),
  exportedAt: instant,
});

const trailerSchema = z.object({ end: z.literal(true), records: z.number().int().min(0), contributions: z.number().int().min(0) });

export type ParsedLine =
  | { type: 'header'; header: ExportHeader }
  | { type: 'record'; record: ExportedRecord }
  | { type: 'end'; trailer: ExportTrailer }
  | { type: 'blank' }
  | { type: 'invalid'; message: string };

/** One line of an export file → what it is; never throws (the verifier reports the line instead). */
export function parseExportLine(line: string): ParsedLine {
  if (line.trim() === '') return { type: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { type: 'invalid', message: `not JSON (${(error as Error).message})` };
  }
  if (value && typeof value === 'object' && 'export' in value) {
    const header = headerSchema.safeParse(value);
    return header.success ? { type: 'header', header: header.data as ExportHeader } : { type: 'invalid', message: `bad header: ${issues(header.error)}` };
  }
  if (value && typeof value === 'object' && 'end' in value) {
    const trailer = trailerSchema.safeParse(value);
    return trailer.success ? { type: 'end', trailer: trailer.data as ExportTrailer } : { type: 'invalid', message: `bad trailer: ${issues(trailer.error)}` };
  }
  const parsed = recordLineSchema.safeParse(value);
  if (!parsed.success) return { type: 'invalid', message: `not a transition record: ${issues(parsed.error)}` };
  const r = parsed.data;
  return {
    type: 'record',
    record: {
      id: r.id === undefined || r.id === null ? null : String(r.id),
      contributionId: r.contributionId,
      seq: r.seq,
      kind: r.kind,
      eventType: r.eventType,
      fromStages: r.fromStages,
      toStages: r.toStages,
      payload: r.payload,
      details: r.details,
      actorPersonId: r.actor.personId,
      actorName: r.actor.name,
      actorRole: r.actor.role,
      actorOrganisationId: r.actor.organisationId,
      actorOrganisationName: r.actor.organisationName,
      organisationId: r.organisationId,
      reason: r.reason,
      occurredAt: r.occurredAt,
      recordedAt: r.recordedAt,
      definitionId: r.definition.id,
      definitionKey: r.definition.key,
      definitionVersion: r.definition.version,
      contributionVersion: r.contributionVersion,
      prevHash: r.prevHash,
      hash: r.hash,
    },
  };
}

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`)
    .join('; ');
}

/**
 * CSV is for spreadsheets and reading, not for verification: JSON columns (stages, payload,
 * details) are written as JSON text, and an empty cell means null.
 */
export const CSV_COLUMNS = [
  'id',
  'contribution_id',
  'seq',
  'kind',
  'event_type',
  'from_stages',
  'to_stages',
  'payload',
  'details',
  'actor_person_id',
  'actor_name',
  'actor_role',
  'actor_organisation_id',
  'actor_organisation_name',
  'organisation_id',
  'reason',
  'occurred_at',
  'recorded_at',
  'definition_id',
  'definition_key',
  'definition_version',
  'contribution_version',
  'prev_hash',
  'hash',
] as const;

export function csvRow(record: TransitionRecord): string[] {
  const text = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : String(value));
  return [
    text(record.id),
    record.contributionId,
    text(record.seq),
    record.kind,
    record.eventType,
    JSON.stringify(record.fromStages),
    JSON.stringify(record.toStages),
    JSON.stringify(record.payload),
    JSON.stringify(record.details),
    text(record.actorPersonId),
    text(record.actorName),
    record.actorRole,
    text(record.actorOrganisationId),
    text(record.actorOrganisationName),
    text(record.organisationId),
    text(record.reason),
    new Date(record.occurredAt).toISOString(),
    new Date(record.recordedAt).toISOString(),
    record.definitionId,
    record.definitionKey,
    text(record.definitionVersion),
    text(record.contributionVersion),
    text(record.prevHash),
    record.hash,
  ];
}

/** A batch of CSV lines; the header row only with the first batch. */
export function csvChunk(records: TransitionRecord[], withHeader: boolean): string {
  if (records.length === 0 && !withHeader) return '';
  return stringify(records.map(csvRow), { header: withHeader, columns: [...CSV_COLUMNS] });
}
