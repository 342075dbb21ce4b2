import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation asked to respond in a stage (comment round, questionnaire). */
@Entity('invitations')
export class Invitation {
  @PrimaryColumn('uuid', { name: 'contribution_id' })
  contributionId: string;

  @PrimaryColumn('text', { name: 'stage_id' })
  stageId: string;

  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('timestamptz', { name: 'invited_at' })
  invitedAt: Date;

  @Column('uuid', { name: 'invited_by', nullable: true })
  invitedBy: string | null;

  @Column('integer', { name: 'record_seq' })
  recordSeq: number;
}
