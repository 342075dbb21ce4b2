import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A numbered question of a questionnaire stage (a call for inputs). */
@Entity('questionnaire_questions')
export class QuestionnaireQuestion {
  @PrimaryColumn('uuid', { name: 'contribution_id' })
  contributionId: string;

  @PrimaryColumn('text', { name: 'stage_id' })
  stageId: string;

  @PrimaryColumn('integer')
  number: number;

  @Column('text')
  text: string;

  @Column('integer', { name: 'record_seq' })
  recordSeq: number;
}
