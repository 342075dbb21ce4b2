import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppliedTransitionContext, ContributionExtensions, TransitionContext, TransitionHook } from '../../contributions/contribution-extensions';
import { DECISION_OUTCOMES } from '../../workflows/definition/definition.types';
import { recordSeqOf, stageOfEvent } from '../shared/event-stage.util';
import { localDate } from '../shared/meeting-date.util';
import { PayloadReader } from '../shared/payload-reader.util';
import { TextsService } from '../texts/texts.service';

export const DECIDE = 'DECIDE';

interface PreparedDecision {
  id: string;
  stageId: string;
  outcome: string;
  body: string | null;
  date: string;
  location: string | null;
  versionId: string | null;
}

/**
 * DECIDE `{ outcome, body?, meeting?: { date, location? } }`: a body's decision at a dated
 * meeting, on the newest text version. The outcome drives the workflow (the machine's guards);
 * the row is what the decisions list and the key-stages report read.
 */
@Injectable()
export class DecisionsHook implements TransitionHook, OnModuleInit {
  readonly name = 'participation.decisions';
  private readonly prepared = new WeakMap<object, PreparedDecision>();

  constructor(
    private readonly extensions: ContributionExtensions,
    private readonly texts: TextsService,
  ) {}

  onModuleInit(): void {
    this.extensions.registerHook(this);
  }

  async beforeTransition(context: TransitionContext): Promise<void> {
    if (context.event.type !== DECIDE) return;
    const payload = PayloadReader.of(context.event.payload, ['outcome', 'body', 'meeting']);
    const outcome = payload.oneOf('outcome', DECISION_OUTCOMES);
    const stage = stageOfEvent(context);
    const meeting = payload.optionalObject('meeting', ['date', 'location']);
    const version = await this.texts.latest(context.em, context.contribution.id);
    const decision: PreparedDecision = {
      id: randomUUID(),
      stageId: stage.id,
      outcome,
      body: payload.optionalText('body', { max: 500 }) ?? stage.body ?? null,
      date: meeting?.optionalDate('date') ?? localDate(context.occurredAt, context.workflow.definition.timeZone),
      location: meeting?.optionalText('location', { max: 500 }) ?? null,
      versionId: version?.id ?? null,
    };
    context.details.decision = { id: decision.id, stage: stage.id, body: decision.body, meetingDate: decision.date, versionId: decision.versionId, versionNumber: version?.number ?? null };
    this.prepared.set(context.details, decision);
  }

  async afterTransition(context: AppliedTransitionContext): Promise<void> {
    const decision = this.prepared.get(context.details);
    if (!decision) return;
    await context.em.query(
      `INSERT INTO body_decisions (id, contribution_id, stage_id, outcome, body, meeting_date, meeting_location, version_id, decided_at, recorded_by, record_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [decision.id, context.contribution.id, decision.stageId, decision.outcome, decision.body, decision.date, decision.location, decision.versionId, context.occurredAt, context.actor.personId, recordSeqOf(context)],
    );
  }
}
