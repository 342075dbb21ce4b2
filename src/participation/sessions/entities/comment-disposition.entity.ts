import { Column, Entity, PrimaryColumn } from 'typeorm';

export const DISPOSITIONS = ['accepted', 'accepted_with_changes', 'not_accepted', 'noted'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** What an editorial session decided about one comment, and why. One per comment and session. */
@Entity('comment_dispositions')
export class CommentDisposition {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'comment_id' })
  commentId: string;

  @Column('uuid', { name: 'session_id' })
  sessionId: string;

  @Column('text')
  disposition: Disposition;

  @Column('text')
  rationale: string;

  @Column('timestamptz', { name: 'decided_at' })
  decidedAt: Date;

  @Column('uuid', { name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column('integer', { name: 'record_seq' })
  recordSeq: number;
}
