import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reading of one frozen text version at a dated meeting in a named room (seed 003: CR-4, CR-1), with its outcome. */
@Entity('readings')
export class Reading {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'contribution_id' })
  contributionId: string;

  @Column('text', { name: 'stage_id' })
  stageId: string;

  @Column('date', { name: 'meeting_date' })
  meetingDate: string;

  @Column('text')
  room: string;

  @Column('text', { nullable: true })
  location: string | null;

  @Column('uuid', { name: 'version_id', nullable: true })
  versionId: string | null;

  @Column('text', { nullable: true })
  outcome: string | null;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('uuid', { name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column('integer', { name: 'record_seq' })
  recordSeq: number;
}
