import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppliedTransitionContext, ContributionExtensions, TransitionContext, TransitionHook } from '../../contributions/contribution-extensions';
import { ParticipationException } from '../participation.exception';
import { recordSeqOf, stageOfEvent } from '../shared/event-stage.util';
import { PayloadReader } from '../shared/payload-reader.util';
import { TextsService } from '../texts/texts.service';

export const RECORD_READING = 'RECORD_READING';

interface PreparedReading {
  id: string;
  stageId: string;
  date: string;
  room: string;
  location: string | null;
  versionId: string | null;
  outcome: string | null;
}

/**
 * RECORD_READING `{ meeting: { date, room, location? }, versionId?, outcome? }`: a reading at a
 * dated meeting in a named room, bound to the version read (given, else the newest). Versions
 * never change, so the reading points at exactly the text that was read.
 */
@Injectable()
export class ReadingsHook implements TransitionHook, OnModuleInit {
  readonly name = 'participation.readings';
  private readonly prepared = new WeakMap<object, PreparedReading>();

  constructor(
    private readonly extensions: ContributionExtensions,
    private readonly texts: TextsService,
  ) {}

  onModuleInit(): void {
    this.extensions.registerHook(this);
  }

  async beforeTransition(context: TransitionContext): Promise<void> {
    if (context.event.type !== RECORD_READING) return;
    const payload = PayloadReader.of(context.event.payload, ['meeting', 'versionId', 'outcome']);
    const stage = stageOfEvent(context);
    const meeting = payload.object('meeting', ['date', 'room', 'location']);
    const versionId = payload.optionalUuid('versionId');
    const version = versionId ? await this.texts.find(context.em, context.contribution.id, versionId) : await this.texts.latest(context.em, context.contribution.id);
    if (versionId && !version) throw ParticipationException.invalidPayload('payload.versionId', `no version ${versionId} of this contribution`);
    const reading: PreparedReading = {
      id: randomUUID(),
      stageId: stage.id,
      date: meeting.date('date'),
      room: meeting.text('room', { max: 200 }),
      location: meeting.optionalText('location', { max: 300 }) ?? null,
      versionId: version?.id ?? null,
      outcome: payload.optionalText('outcome', { max: 2000 }) ?? null,
    };
    context.details.reading = { id: reading.id, stage: stage.id, versionId: reading.versionId, versionNumber: version?.number ?? null };
    this.prepared.set(context.details, reading);
  }

  async afterTransition(context: AppliedTransitionContext): Promise<void> {
    const reading = this.prepared.get(context.details);
    if (!reading) return;
    await context.em.query(
      `INSERT INTO readings (id, contribution_id, stage_id, meeting_date, room, location, version_id, outcome, occurred_at, recorded_by, record_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [reading.id, context.contribution.id, reading.stageId, reading.date, reading.room, reading.location, reading.versionId, reading.outcome, context.occurredAt, context.actor.personId, recordSeqOf(context)],
    );
  }
}
