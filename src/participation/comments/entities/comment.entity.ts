import { Column, Entity, PrimaryColumn } from 'typeorm';

export const COMMENT_STATUSES = ['active', 'withdrawn'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/**
 * A comment or proposal by an organisation in a comment round, anchored to a paragraph of a
 * given version (or, with no paragraph, to the whole text). Editable by its organisation until
 * the organisation's deadline; every edit is also an event in the audit trail.
 */
@Entity('comments')
export class Comment {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'contribution_id' })
  contributionId: string;

  @Column('text', { name: 'stage_id' })
  stageId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'version_id', nullable: true })
  versionId: string | null;

  @Column('uuid', { name: 'paragraph_id', nullable: true })
  paragraphId: string | null;

  @Column('text')
  text: string;

  @Column('text', { name: 'proposed_text', nullable: true })
  proposedText: string | null;

  @Column('text')
  status: CommentStatus;

  @Column('uuid', { name: 'author_person_id', nullable: true })
  authorPersonId: string | null;

  @Column('text', { name: 'author_name' })
  authorName: string;

  @Column('text', { name: 'author_role' })
  authorRole: string;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt: Date;

  @Column('timestamptz', { name: 'edited_at', nullable: true })
  editedAt: Date | null;

  @Column('integer')
  revision: number;

  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  @Column('integer', { name: 'record_seq' })
  recordSeq: number;
}
