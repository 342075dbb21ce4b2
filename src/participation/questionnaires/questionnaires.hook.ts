import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppliedTransitionContext, ContributionExtensions, TransitionContext, TransitionHook } from '../../contributions/contribution-extensions';
import type { StageSpec } from '../../workflows/definition/definition.types';
import { ParticipationException } from '../participation.exception';
import { assertBeforeDeadline } from '../shared/effective-deadline.util';
import { recordSeqOf, stageOfEvent, subjectOrganisation } from '../shared/event-stage.util';
import { PayloadReader } from '../shared/payload-reader.util';
import type { Answer } from './entities/questionnaire-submission.entity';

export const QUESTIONNAIRE_EVENTS = { setQuestions: 'SET_QUESTIONS', submit: 'SUBMIT_ANSWERS' } as const;

interface Question {
  number: number;
  text: string;
}

type Prepared =
  | { kind: 'questions'; stageId: string | null; questions: Question[] }
  | { kind: 'submit'; id: string; existing: boolean; stageId: string; organisationId: string; answers: Answer[]; consentToPublish: boolean };

/**
 * Questionnaires (calls for inputs). Numbered questions come with SET_QUESTIONS, or with
 * `payload.questions` on the event that opens the questionnaire (LAUNCH_CALL); they are fixed once
 * answers arrive. SUBMIT_ANSWERS keeps one submission per organisation, replaced (consent
 * included) by a resubmission until the organisation's deadline.
 */
@Injectable()
export class QuestionnairesHook implements TransitionHook, OnModuleInit {
  readonly name = 'participation.questionnaires';
  private readonly prepared = new WeakMap<object, Prepared>();

  constructor(private readonly extensions: ContributionExtensions) {}

  onModuleInit(): void {
    this.extensions.registerHook(this);
  }

  async beforeTransition(context: TransitionContext): Promise<void> {
    if (context.event.type === QUESTIONNAIRE_EVENTS.setQuestions) {
      const payload = PayloadReader.of(context.event.payload, ['questions']);
      const stage = stageOfEvent(context);
      await this.assertNoSubmissions(context, stage.id);
      this.prepared.set(context.details, { kind: 'questions', stageId: stage.id, questions: readQuestions(payload) });
      context.details.questions = { stage: stage.id };
    } else if (context.event.type === QUESTIONNAIRE_EVENTS.submit) {
      this.prepared.set(context.details, await this.prepareSubmission(context));
    } else if (context.event.payload?.questions !== undefined) {
      // Questions sent with the event that opens a questionnaire; where they go is known once the machine has moved.
      this.prepared.set(context.details, { kind: 'questions', stageId: null, questions: readQuestions(new PayloadReader(context.event.payload)) });
    }
  }

  private async prepareSubmission(context: TransitionContext): Promise<Prepared> {
    const payload = PayloadReader.of(context.event.payload, ['answers', 'consentToPublish', 'organisationId']);
    const stage = stageOfEvent(context);
    const organisationId = subjectOrganisation(context, 'the submission');
    const consentToPublish = payload.boolean('consentToPublish', 'whether this submission may be published');
    const seen = new Set<number>();
    const answers: Answer[] = payload.list('answers', { min: 1, max: 500 }).map((_, index) => {
      const item = payload.itemReader('answers', index, ['question', 'text']);
      const question = item.positiveInteger('question');
      if (seen.has(question)) throw item.fail('question', `question ${question} is answered twice; send one answer per question`);
      seen.add(question);
      return { question, text: item.text('text', { max: 60_000 }) };
    });
    const numbers: Array<{ number: number }> = await context.em.query(`SELECT number FROM questionnaire_questions WHERE contribution_id = $1 AND stage_id = $2`, [
      context.contribution.id,
      stage.id,
    ]);
    // Without a question list (a call whose questions live elsewhere), any numbering is accepted.
    if (numbers.length > 0) {
      const valid = new Set(numbers.map((row) => row.number));
      const index = answers.findIndex((answer) => !valid.has(answer.question));
      if (index >= 0) throw ParticipationException.invalidPayload(`payload.answers[${index}].question`, `no question ${answers[index].question}; the questions are ${[...valid].sort((a, b) => a - b).join(', ')}`);
    }
    await assertBeforeDeadline(context, stage.id, organisationId, 'submitting or changing answers');
    const [existing] = await context.em.query(
      `SELECT id, revision FROM questionnaire_submissions WHERE contribution_id = $1 AND stage_id = $2 AND organisation_id = $3 FOR UPDATE`,
      [context.contribution.id, stage.id, organisationId],
    );
    const id = existing?.id ?? randomUUID();
    context.details.submission = { id, stage: stage.id, revision: (existing?.revision ?? 0) + 1, consentToPublish, questions: answers.map((a) => a.question) };
    return { kind: 'submit', id, existing: !!existing, stageId: stage.id, organisationId, answers: answers.sort((a, b) => a.question - b.question), consentToPublish };
  }

  private async assertNoSubmissions(context: TransitionContext, stageId: string): Promise<void> {
    const [{ n }] = await context.em.query(`SELECT count(*)::int AS n FROM questionnaire_submissions WHERE contribution_id = $1 AND stage_id = $2`, [context.contribution.id, stageId]);
    if (n > 0) throw ParticipationException.questionsLocked(stageId, n);
  }

  async afterTransition(context: AppliedTransitionContext): Promise<void> {
    const prepared = this.prepared.get(context.details);
    if (!prepared) return;
    const seq = recordSeqOf(context);
    if (prepared.kind === 'submit') {
      await context.em.query(
        `INSERT INTO questionnaire_submissions (id, contribution_id, stage_id, organisation_id, answers, consent_to_publish, submitted_at, updated_at, author_person_id, author_name, record_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10)
         ON CONFLICT (contribution_id, stage_id, organisation_id) DO UPDATE SET answers = EXCLUDED.answers, consent_to_publish = EXCLUDED.consent_to_publish,
           updated_at = EXCLUDED.updated_at, revision = questionnaire_submissions.revision + 1, author_person_id = EXCLUDED.author_person_id, author_name = EXCLUDED.author_name`,
        [prepared.id, context.contribution.id, prepared.stageId, prepared.organisationId, JSON.stringify(prepared.answers), prepared.consentToPublish, context.occurredAt, context.actor.personId, context.actor.name, seq],
      );
      return;
    }
    const stageIds = prepared.stageId ? [prepared.stageId] : context.entered.filter((id) => isQuestionnaire(context.workflow.stage(id)));
    if (stageIds.length === 0) throw ParticipationException.invalidPayload('payload.questions', 'no questionnaire stage opens with this event; send the questions with SET_QUESTIONS once it is open');
    for (const stageId of stageIds) {
      if (!prepared.stageId) await this.assertNoSubmissions(context, stageId);
      await context.em.query(`DELETE FROM questionnaire_questions WHERE contribution_id = $1 AND stage_id = $2`, [context.contribution.id, stageId]);
      await context.em.query(
        `INSERT INTO questionnaire_questions (contribution_id, stage_id, number, text, record_seq) SELECT $1, $2, q.number, q.text, $5 FROM unnest($3::int[], $4::text[]) AS q(number, text)`,
        [context.contribution.id, stageId, prepared.questions.map((q) => q.number), prepared.questions.map((q) => q.text), seq],
      );
    }
    context.details.questions = { stages: stageIds, numbers: prepared.questions.map((q) => q.number) };
  }
}

function isQuestionnaire(stage: StageSpec | undefined): boolean {
  return !!stage && stage.transitions.some((t) => t.event === QUESTIONNAIRE_EVENTS.submit);
}

/** `questions: [{ number?, text }]`: numbered 1, 2, … unless the numbers are given; each number once. */
function readQuestions(payload: PayloadReader): Question[] {
  const seen = new Set<number>();
  return payload.list('questions', { min: 1, max: 300 }).map((_, index) => {
    const item = payload.itemReader('questions', index, ['number', 'text']);
    const number = item.has('number') ? item.positiveInteger('number') : index + 1;
    if (seen.has(number)) throw item.fail('number', `question ${number} appears twice`);
    seen.add(number);
    return { number, text: item.text('text', { max: 5000 }) };
  });
}
