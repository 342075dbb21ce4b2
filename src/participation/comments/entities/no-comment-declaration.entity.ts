import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation's "no comment" in a round: a response, without text. */
@Entity('no_comment_declarations')
export class NoCommentDeclaration {
  @PrimaryColumn('uuid', { name: 'contribution_id' })
  contributionId: string;

  @PrimaryColumn('text', { name: 'stage_id' })
  stageId: string;

  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('timestamptz', { name: 'declared_at' })
  declaredAt: Date;

  @Column('uuid', { name: 'declared_by', nullable: true })
  declaredBy: string | null;

  @Column('integer', { name: 'record_seq' })
  recordSeq: number;
}
