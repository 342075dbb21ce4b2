import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const RECORD_KINDS = ['created', 'transition', 'noop'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** One line of the append-only, hash-chained audit trail of a contribution. */
@Entity('transition_records')
export class TransitionRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'contribution_id' })
  contributionId: string;

  @Column('integer')
  seq: number;

  @Column('text')
  kind: RecordKind;

  @Column('text', { name: 'event_type' })
  eventType: string;

  @Column('text', { name: 'from_stages', array: true })
  fromStages: string[];

  @Column('text', { name: 'to_stages', array: true })
  toStages: string[];

  @Column('jsonb')
  payload: Record<string, unknown>;

  /** Facts the engine derived (deadlines set, old and new instants, …); hashed like the rest. */
  @Column('jsonb')
  details: Record<string, unknown>;

  @Column('uuid', { name: 'actor_person_id', nullable: true })
  actorPersonId: string | null;

  @Column('text', { name: 'actor_name', nullable: true })
  actorName: string | null;

  @Column('text', { name: 'actor_role' })
  actorRole: string;

  @Column('uuid', { name: 'actor_organisation_id', nullable: true })
  actorOrganisationId: string | null;

  @Column('text', { name: 'actor_organisation_name', nullable: true })
  actorOrganisationName: string | null;

  /** The organisation the event is about (own, or recorded by a secretariat on its behalf). */
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  @Column('uuid', { name: 'definition_id' })
  definitionId: string;

  @Column('text', { name: 'definition_key' })
  definitionKey: string;

  @Column('integer', { name: 'definition_version' })
  definitionVersion: number;

  @Column('integer', { name: 'contribution_version' })
  contributionVersion: number;

  @Column('text', { name: 'prev_hash', nullable: true })
  prevHash: string | null;

  @Column('text')
  hash: string;
}
