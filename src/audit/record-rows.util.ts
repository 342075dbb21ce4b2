import { TransitionRecord } from './entities/transition-record.entity';

/**
 * Transition records read with plain SQL (keyset batches for exports, segment reads for
 * checkpoints), where the ORM would build the same query thousands of times over.
 */
export const RECORD_SELECT = `r.id, r.contribution_id, r.seq, r.kind, r.event_type, r.from_stages, r.to_stages, r.payload, r.details,
  r.actor_person_id, r.actor_name, r.actor_role, r.actor_organisation_id, r.actor_organisation_name, r.organisation_id, r.reason,
  r.occurred_at, r.recorded_at, r.definition_id, r.definition_key, r.definition_version, r.contribution_version, r.prev_hash, r.hash`;

export interface RecordRow {
  id: string;
  contribution_id: string;
  seq: number;
  kind: TransitionRecord['kind'];
  event_type: string;
  from_stages: string[];
  to_stages: string[];
  payload: Record<string, unknown>;
  details: Record<string, unknown>;
  actor_person_id: string | null;
  actor_name: string | null;
  actor_role: string;
  actor_organisation_id: string | null;
  actor_organisation_name: string | null;
  organisation_id: string | null;
  reason: string | null;
  occurred_at: Date;
  recorded_at: Date;
  definition_id: string;
  definition_key: string;
  definition_version: number;
  contribution_version: number;
  prev_hash: string | null;
  hash: string;
}

export function toTransitionRecord(row: RecordRow): TransitionRecord {
  return Object.assign(new TransitionRecord(), {
    id: String(row.id),
    contributionId: row.contribution_id,
    seq: row.seq,
    kind: row.kind,
    eventType: row.event_type,
    fromStages: row.from_stages,
    toStages: row.to_stages,
    payload: row.payload,
    details: row.details,
    actorPersonId: row.actor_person_id,
    actorName: row.actor_name,
    actorRole: row.actor_role,
    actorOrganisationId: row.actor_organisation_id,
    actorOrganisationName: row.actor_organisation_name,
    organisationId: row.organisation_id,
    reason: row.reason,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    definitionId: row.definition_id,
    definitionKey: row.definition_key,
    definitionVersion: row.definition_version,
    contributionVersion: row.contribution_version,
    prevHash: row.prev_hash,
    hash: row.hash,
  });
}
