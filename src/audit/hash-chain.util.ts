import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** Everything about a record that the chain vouches for. */
export interface ChainedFields {
  contributionId: string;
  seq: number;
  kind: string;
  eventType: string;
  fromStages: string[];
  toStages: string[];
  payload: Record<string, unknown>;
  details: Record<string, unknown>;
  actorPersonId: string | null;
  actorName: string | null;
  actorRole: string;
  actorOrganisationId: string | null;
  actorOrganisationName: string | null;
  organisationId: string | null;
  reason: string | null;
  occurredAt: Date | string;
  recordedAt: Date | string;
  definitionId: string;
  definitionKey: string;
  definitionVersion: number;
  contributionVersion: number;
  prevHash: string | null;
}

export const HASH_FORMAT_VERSION = 1;

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * SHA-256 over the RFC 8785 (JCS) canonical JSON of the record, which includes the previous
 * record's hash: changing any field of any record changes every later hash.
 */
export function hashRecord(fields: ChainedFields): string {
  const canonical = canonicalize({
    v: HASH_FORMAT_VERSION,
    contributionId: fields.contributionId,
    seq: fields.seq,
    kind: fields.kind,
    eventType: fields.eventType,
    fromStages: fields.fromStages,
    toStages: fields.toStages,
    payload: fields.payload,
    details: fields.details,
    actor: {
      personId: fields.actorPersonId,
      name: fields.actorName,
      role: fields.actorRole,
      organisationId: fields.actorOrganisationId,
      organisationName: fields.actorOrganisationName,
    },
    organisationId: fields.organisationId,
    reason: fields.reason,
    occurredAt: iso(fields.occurredAt),
    recordedAt: iso(fields.recordedAt),
    definition: { id: fields.definitionId, key: fields.definitionKey, version: fields.definitionVersion },
    contributionVersion: fields.contributionVersion,
    prevHash: fields.prevHash,
  });
  if (canonical === undefined) throw new Error('record cannot be canonicalised');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type ChainBreak =
  | { seq: number; problem: 'missing_record'; message: string }
  | { seq: number; problem: 'prev_hash_mismatch'; message: string }
  | { seq: number; problem: 'hash_mismatch'; message: string };

/** Where a walk along one chain has got to: the seq and previous hash the next record must have. */
export interface ChainCursor {
  expectedSeq: number;
  previousHash: string | null;
}

export function chainStart(): ChainCursor {
  return { expectedSeq: 1, previousHash: null };
}

/**
 * Checks the next record of a chain against the cursor and, when it holds, advances the cursor.
 * Lets a verifier stream a chain (an export file of any size) without holding it in memory.
 */
export function checkNextRecord(cursor: ChainCursor, record: ChainedFields & { hash: string }): ChainBreak | undefined {
  if (record.seq !== cursor.expectedSeq) {
    return { seq: cursor.expectedSeq, problem: 'missing_record', message: `record ${cursor.expectedSeq} is missing (found ${record.seq} next)` };
  }
  if (record.prevHash !== cursor.previousHash) {
    return { seq: record.seq, problem: 'prev_hash_mismatch', message: `record ${record.seq} does not link to record ${record.seq - 1}` };
  }
  if (hashRecord(record) !== record.hash) {
    return { seq: record.seq, problem: 'hash_mismatch', message: `record ${record.seq} was altered: its content no longer matches its hash` };
  }
  cursor.previousHash = record.hash;
  cursor.expectedSeq++;
  return undefined;
}

/**
 * Walks one contribution's records in sequence order and reports the first broken link.
 * Pure, so the same code verifies the database and an exported file.
 */
export function findFirstBreak(records: Array<ChainedFields & { hash: string }>): ChainBreak | undefined {
  const cursor = chainStart();
  for (const record of records) {
    const found = checkNextRecord(cursor, record);
    if (found) return found;
  }
  return undefined;
}
