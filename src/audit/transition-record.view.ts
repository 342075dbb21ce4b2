import { TransitionRecord } from './entities/transition-record.entity';

export function transitionRecordView(record: TransitionRecord) {
  return {
    id: record.id,
    contributionId: record.contributionId,
    seq: record.seq,
    kind: record.kind,
    eventType: record.eventType,
    fromStages: record.fromStages,
    toStages: record.toStages,
    payload: record.payload,
    details: record.details,
    actor: {
      personId: record.actorPersonId,
      name: record.actorName,
      role: record.actorRole,
      organisationId: record.actorOrganisationId,
      organisationName: record.actorOrganisationName,
    },
    organisationId: record.organisationId,
    reason: record.reason,
    occurredAt: record.occurredAt,
    recordedAt: record.recordedAt,
    definition: { id: record.definitionId, key: record.definitionKey, version: record.definitionVersion },
    contributionVersion: record.contributionVersion,
    prevHash: record.prevHash,
    hash: record.hash,
  };
}
