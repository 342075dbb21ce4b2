import { RECORD_COLUMNS } from '../audit/audit-trail.service';
import type { TransitionRecord } from '../audit/entities/transition-record.entity';
import type { OutboxEntry } from './contribution-extensions';
import type { SqlExecutor } from './fused-transaction';

/**
 * The SQL of the transition path, written set-wise: one statement serves one transition or a
 * batch of them, so a burst of deadlines costs a handful of round trips rather than a few per
 * deadline (measured with `npm run bench`).
 */

export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
  contributionId: string;
}

/**
 * Claims keys; returns, per claim, nothing (claimed now) or what the first request stored. A
 * concurrent request with the same key waits on the insert until the first commits or rolls back.
 */
export async function claimIdempotencyKeys(
  query: SqlExecutor,
  claims: IdempotencyClaim[],
): Promise<Array<{ requestHash: string; response: unknown } | undefined>> {
  if (claims.length === 0) return [];
  const claimed = await query<{ scope: string; key: string }>(
    `INSERT INTO idempotency_keys (scope, key, request_hash, contribution_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[]) ON CONFLICT DO NOTHING RETURNING scope, key`,
    [claims.map((c) => c.scope), claims.map((c) => c.key), claims.map((c) => c.requestHash), claims.map((c) => c.contributionId)],
  );
  const fresh = new Set(claimed.map((row) => `${row.scope}\u0000${row.key}`));
  const taken = claims.filter((claim) => !fresh.has(`${claim.scope}\u0000${claim.key}`));
  const existing = new Map<string, { requestHash: string; response: unknown }>();
  if (taken.length > 0) {
    const rows = await query<{ scope: string; key: string; request_hash: string; response: unknown }>(
      `SELECT scope, key, request_hash, response FROM idempotency_keys k JOIN unnest($1::text[], $2::text[]) AS t(s, k2) ON k.scope = t.s AND k.key = t.k2`,
      [taken.map((c) => c.scope), taken.map((c) => c.key)],
    );
    for (const row of rows) existing.set(`${row.scope}\u0000${row.key}`, { requestHash: row.request_hash, response: row.response });
  }
  return claims.map((claim) => (fresh.has(`${claim.scope}\u0000${claim.key}`) ? undefined : (existing.get(`${claim.scope}\u0000${claim.key}`) ?? { requestHash: '', response: null })));
}

export async function storeIdempotentResponse(query: SqlExecutor, scope: string, key: string, response: unknown): Promise<void> {
  await query('UPDATE idempotency_keys SET status_code = 201, response = $3 WHERE scope = $1 AND key = $2', [scope, key, JSON.stringify(response)]);
}

/** What a committed transition changes on its contribution row besides the chain head. */
export interface ContributionMove {
  snapshot: unknown;
  currentStages: string[];
  status: 'active' | 'done';
  version: number;
}

export interface RecordToCommit {
  record: TransitionRecord;
  outbox: OutboxEntry[];
  /** Absent for a creation or a no-op: only the chain head moves. */
  moved?: ContributionMove;
}

/**
 * Appends the records, moves each contribution's head (and, for real transitions, its snapshot)
 * and queues the outbox rows, in ONE statement. At most one record per contribution. Rows travel
 * as one JSON document each side rather than thousands of parameters: for a batch, encoding and
 * parsing parameters cost more than the writes themselves (measured with `npm run bench`).
 */
export async function commitRecords(query: SqlExecutor, commits: RecordToCommit[]): Promise<void> {
  const records = commits.map(({ record }) => ({
    contribution_id: record.contributionId,
    seq: record.seq,
    kind: record.kind,
    event_type: record.eventType,
    from_stages: record.fromStages,
    to_stages: record.toStages,
    payload: record.payload,
    details: record.details,
    actor_person_id: record.actorPersonId,
    actor_name: record.actorName,
    actor_role: record.actorRole,
    actor_organisation_id: record.actorOrganisationId,
    actor_organisation_name: record.actorOrganisationName,
    organisation_id: record.organisationId,
    reason: record.reason,
    occurred_at: new Date(record.occurredAt).toISOString(),
    recorded_at: new Date(record.recordedAt).toISOString(),
    definition_id: record.definitionId,
    definition_key: record.definitionKey,
    definition_version: record.definitionVersion,
    contribution_version: record.contributionVersion,
    prev_hash: record.prevHash,
    hash: record.hash,
  }));
  const moves = commits.map(({ record, moved }) => ({
    id: record.contributionId,
    head_seq: record.seq,
    head_hash: record.hash,
    snapshot: moved?.snapshot ?? null,
    current_stages: moved?.currentStages ?? null,
    status: moved?.status ?? null,
    version: moved?.version ?? null,
  }));
  const outbox = commits.flatMap((commit) => commit.outbox);
  const params: unknown[] = [JSON.stringify(records), JSON.stringify(moves)];
  let queue = '';
  if (outbox.length > 0) {
    // Outbox rows only when something must happen after commit; most events schedule nothing.
    params.push(JSON.stringify(outbox));
    queue = `, queued AS (INSERT INTO outbox (topic, payload) SELECT topic, payload FROM jsonb_to_recordset($3::jsonb) AS entry(topic text, payload jsonb))`;
  }
  const inserted = await query<{ id: string; contribution_id: string }>(
    `WITH record AS (
       INSERT INTO transition_records (${RECORD_COLUMNS})
       SELECT ${RECORD_COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD_COLUMN_TYPES})
       RETURNING id, contribution_id
     ), moved AS (
       UPDATE contributions c
          SET head_seq = m.head_seq, head_hash = m.head_hash,
              snapshot = coalesce(m.snapshot, c.snapshot), current_stages = coalesce(m.current_stages, c.current_stages),
              status = coalesce(m.status, c.status), version = coalesce(m.version, c.version),
              updated_at = CASE WHEN m.version IS NULL THEN c.updated_at ELSE now() END
         FROM jsonb_to_recordset($2::jsonb) AS m(id uuid, head_seq int, head_hash text, snapshot jsonb, current_stages text[], status text, version int)
        WHERE c.id = m.id
     )${queue}
     SELECT id::text AS id, contribution_id::text AS contribution_id FROM record`,
    params,
  );
  const ids = new Map(inserted.map((row) => [row.contribution_id, row.id]));
  for (const { record } of commits) record.id = ids.get(record.contributionId)!;
}

/** Column definitions of the records in `commitRecords`' JSON, in RECORD_COLUMNS order. */
const RECORD_COLUMN_TYPES = `contribution_id uuid, seq int, kind text, event_type text, from_stages text[], to_stages text[], payload jsonb,
  details jsonb, actor_person_id uuid, actor_name text, actor_role text, actor_organisation_id uuid, actor_organisation_name text,
  organisation_id uuid, reason text, occurred_at timestamptz, recorded_at timestamptz, definition_id uuid, definition_key text,
  definition_version int, contribution_version int, prev_hash text, hash text`;
