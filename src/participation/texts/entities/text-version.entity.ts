import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One draft of a contribution's text. Immutable once written (a database trigger refuses
 * changes) except `sharedAt`: a version recorded while drafting is shown to participants only
 * once the drafting stage is left (the draft is shared).
 */
@Entity('text_versions')
export class TextVersion {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'contribution_id' })
  contributionId: string;

  /** 1, 2, 3… in the order recorded. */
  @Column('integer')
  number: number;

  @Column('text', { nullable: true })
  label: string | null;

  @Column('text', { name: 'stage_id' })
  stageId: string;

  @Column('uuid', { name: 'author_person_id', nullable: true })
  authorPersonId: string | null;

  @Column('text', { name: 'author_name' })
  authorName: string;

  @Column('text', { name: 'author_role' })
  authorRole: string;

  /** Business time (the event's occurredAt). */
  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  @Column('timestamptz', { name: 'shared_at', nullable: true })
  sharedAt: Date | null;

  @Column('integer', { name: 'record_seq' })
  recordSeq: number;
}
