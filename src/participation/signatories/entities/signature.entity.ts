import { Column, Entity, PrimaryColumn } from 'typeorm';

export const SIGNATURE_KINDS = ['signatory', 'cosponsor'] as const;
export type SignatureKind = (typeof SIGNATURE_KINDS)[number];
export type SignatureChannel = 'online' | 'event';
export type Verification = 'recorded_by_secretariat' | 'verified_by_secretariat';

/**
 * An organisation joining a contribution: as a signatory during open endorsement, or as a
 * co-sponsor before submission. Withdrawing keeps the row (and its audit records); joining again
 * makes a new one.
 */
@Entity('signatures')
export class Signature {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'contribution_id' })
  contributionId: string;

  @Column('text', { name: 'stage_id' })
  stageId: string;

  @Column('text')
  kind: SignatureKind;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('text')
  channel: SignatureChannel;

  @Column('text', { name: 'event_name', nullable: true })
  eventName: string | null;

  @Column('date', { name: 'event_date', nullable: true })
  eventDate: string | null;

  @Column('text', { name: 'event_location', nullable: true })
  eventLocation: string | null;

  @Column('timestamptz', { name: 'joined_at' })
  joinedAt: Date;

  @Column('uuid', { name: 'joined_by', nullable: true })
  joinedBy: string | null;

  @Column('text', { name: 'joined_by_role' })
  joinedByRole: string;

  @Column('text', { nullable: true })
  verification: Verification | null;

  @Column('timestamptz', { name: 'verified_at', nullable: true })
  verifiedAt: Date | null;

  @Column('uuid', { name: 'verified_by', nullable: true })
  verifiedBy: string | null;

  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  @Column('uuid', { name: 'withdrawn_by', nullable: true })
  withdrawnBy: string | null;

  @Column('text', { name: 'withdrawal_reason', nullable: true })
  withdrawalReason: string | null;

  @Column('integer', { name: 'join_seq' })
  joinSeq: number;

  @Column('integer', { name: 'withdraw_seq', nullable: true })
  withdrawSeq: number | null;
}
