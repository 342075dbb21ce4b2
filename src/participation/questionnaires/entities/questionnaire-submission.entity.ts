import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface Answer {
  question: number;
  text: string;
}

/** One organisation's answers in a questionnaire stage; resubmitting replaces them (and the consent) until the deadline. */
@Entity('questionnaire_submissions')
export class QuestionnaireSubmission {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'contribution_id' })
  contributionId: string;

  @Column('text', { name: 'stage_id' })
  stageId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('jsonb')
  answers: Answer[];

  @Column('boolean', { name: 'consent_to_publish' })
  consentToPublish: boolean;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('integer')
  revision: number;

  @Column('uuid', { name: 'author_person_id', nullable: true })
  authorPersonId: string | null;

  @Column('text', { name: 'author_name' })
  authorName: string;

  @Column('integer', { name: 'record_seq' })
  recordSeq: number;
}
