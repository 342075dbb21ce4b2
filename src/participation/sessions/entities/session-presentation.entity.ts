import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation presenting its proposals at an editorial session (seed 000: RIPE NCC). */
@Entity('session_presentations')
export class SessionPresentation {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'session_id' })
  sessionId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('text', { nullable: true })
  summary: string | null;

  @Column('uuid', { name: 'comment_ids', array: true })
  commentIds: string[];

  @Column('timestamptz', { name: 'presented_at' })
  presentedAt: Date;

  @Column('integer', { name: 'record_seq' })
  recordSeq: number;
}
