import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One dated meeting of a body held during a visit of an editorial stage: who presented what,
 * a disposition per comment, and the finalised text version as its outcome.
 */
@Entity('editorial_sessions')
export class EditorialSession {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'contribution_id' })
  contributionId: string;

  @Column('text', { name: 'stage_id' })
  stageId: string;

  @Column('text', { nullable: true })
  body: string | null;

  /** YYYY-MM-DD, the meeting's local date. */
  @Column('date', { name: 'meeting_date' })
  meetingDate: string;

  @Column('text', { nullable: true })
  location: string | null;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt: Date;

  @Column('timestamptz', { name: 'finalised_at', nullable: true })
  finalisedAt: Date | null;

  @Column('uuid', { name: 'outcome_version_id', nullable: true })
  outcomeVersionId: string | null;

  /** Set when the stage is left; a later visit opens a new session. */
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column('integer', { name: 'record_seq' })
  recordSeq: number;
}
