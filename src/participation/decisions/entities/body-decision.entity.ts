import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A named body's decision at a dated meeting (endorsed, returned for revision, noted, rejected, …), on the text version before it. */
@Entity('body_decisions')
export class BodyDecision {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'contribution_id' })
  contributionId: string;

  @Column('text', { name: 'stage_id' })
  stageId: string;

  @Column('text')
  outcome: string;

  @Column('text', { nullable: true })
  body: string | null;

  @Column('date', { name: 'meeting_date' })
  meetingDate: string;

  @Column('text', { name: 'meeting_location', nullable: true })
  meetingLocation: string | null;

  @Column('uuid', { name: 'version_id', nullable: true })
  versionId: string | null;

  @Column('timestamptz', { name: 'decided_at' })
  decidedAt: Date;

  @Column('uuid', { name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column('integer', { name: 'record_seq' })
  recordSeq: number;
}
