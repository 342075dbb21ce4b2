import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface FrozenSupporter {
  position: number;
  organisationId: string;
  name: string;
  country: string | null;
  stakeholderType: string | null;
  region: string | null;
  joinedAt: string;
  channel: 'online' | 'event';
  event: string | null;
}

/** The contribution "as submitted": recipient, text version, signatories and co-sponsors frozen at SUBMIT (the table refuses changes). */
@Entity('submitted_copies')
export class SubmittedCopy {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'contribution_id' })
  contributionId: string;

  @Column('text', { name: 'stage_id' })
  stageId: string;

  @Column('text')
  recipient: string;

  @Column('text', { name: 'agenda_item', nullable: true })
  agendaItem: string | null;

  @Column('text', { name: 'agenda_title', nullable: true })
  agendaTitle: string | null;

  @Column('text', { nullable: true })
  symbol: string | null;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt: Date;

  @Column('uuid', { name: 'version_id', nullable: true })
  versionId: string | null;

  @Column('jsonb')
  signatories: FrozenSupporter[];

  @Column('jsonb')
  cosponsors: FrozenSupporter[];

  @Column('integer', { name: 'record_seq' })
  recordSeq: number;
}
