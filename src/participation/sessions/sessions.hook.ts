import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppliedTransitionContext, ContributionExtensions, TransitionContext, TransitionHook } from '../../contributions/contribution-extensions';
import { ParticipationException } from '../participation.exception';
import { recordSeqOf, stageOfEvent, stagesAccepting, subjectOrganisation } from '../shared/event-stage.util';
import { localDate } from '../shared/meeting-date.util';
import { PayloadReader } from '../shared/payload-reader.util';
import { TextsService } from '../texts/texts.service';
import { Disposition, DISPOSITIONS } from './entities/comment-disposition.entity';

export const SESSION_EVENTS = { present: 'PRESENT_PROPOSALS', dispose: 'RECORD_DISPOSITION', finalise: 'FINALISE_TEXT' } as const;
const HANDLED: string[] = Object.values(SESSION_EVENTS);
const MEETING_FIELDS = ['date', 'location'];

interface SessionPlan {
  id: string;
  create: boolean;
  stageId: string;
  date: string;
  location: string | null;
  body: string | null;
}

type Action =
  | { kind: 'present'; id: string; organisationId: string; summary: string | null; commentIds: string[] }
  | { kind: 'dispose'; id: string; commentId: string; disposition: Disposition; rationale: string }
  | { kind: 'finalise'; versionId: string | null };

interface OpenSession {
  id: string;
  meeting_date: string;
  location: string | null;
  body: string | null;
}

/**
 * Editorial sessions. The first of PRESENT_PROPOSALS, RECORD_DISPOSITION or FINALISE_TEXT in a
 * visit of the stage opens the session (dated `payload.meeting.date`, else the day of the event
 * where the process runs; the body is `payload.body`, else the stage's); FINALISE_TEXT records the
 * finalised version (given, else the newest); leaving the stage closes the session.
 */
@Injectable()
export class SessionsHook implements TransitionHook, OnModuleInit {
  readonly name = 'participation.sessions';
  private readonly prepared = new WeakMap<object, { session: SessionPlan; action: Action }>();

  constructor(
    private readonly extensions: ContributionExtensions,
    private readonly texts: TextsService,
  ) {}

  onModuleInit(): void {
    this.extensions.registerHook(this);
  }

  async beforeTransition(context: TransitionContext): Promise<void> {
    if (!HANDLED.includes(context.event.type)) return;
    const own = { PRESENT_PROPOSALS: ['organisationId', 'summary', 'commentIds'], RECORD_DISPOSITION: ['commentId', 'disposition', 'rationale'], FINALISE_TEXT: ['versionId'] }[
      context.event.type as (typeof SESSION_EVENTS)[keyof typeof SESSION_EVENTS]
    ];
    const payload = PayloadReader.of(context.event.payload, [...own, 'meeting', 'body']);
    const stage = stageOfEvent(context);
    const session = await this.session(context, stage.id, stage.body ?? null, payload);
    const action = await this.action(context, payload);
    context.details.session = { id: session.id, stage: stage.id, date: session.date };
    this.prepared.set(context.details, { session, action });
  }

  private async session(context: TransitionContext, stageId: string, stageBody: string | null, payload: PayloadReader): Promise<SessionPlan> {
    const meeting = payload.optionalObject('meeting', MEETING_FIELDS);
    const date = meeting?.optionalDate('date');
    const location = meeting?.optionalText('location', { max: 500 }) ?? null;
    const body = payload.optionalText('body', { max: 500 }) ?? null;
    const [open]: OpenSession[] = await context.em.query(
      `SELECT id, to_char(meeting_date, 'YYYY-MM-DD') AS meeting_date, location, body FROM editorial_sessions WHERE contribution_id = $1 AND stage_id = $2 AND closed_at IS NULL FOR UPDATE`,
      [context.contribution.id, stageId],
    );
    if (!open) {
      return { id: randomUUID(), create: true, stageId, date: date ?? localDate(context.occurredAt, context.workflow.definition.timeZone), location, body: body ?? stageBody };
    }
    if (date && date !== open.meeting_date) {
      throw ParticipationException.sessionConflict(`the editorial session of stage "${stageId}" is dated ${open.meeting_date}; leave payload.meeting.date out or send that date`);
    }
    return { id: open.id, create: false, stageId, date: open.meeting_date, location: location ?? open.location, body: body ?? open.body };
  }

  private async action(context: TransitionContext, payload: PayloadReader): Promise<Action> {
    const contributionId = context.contribution.id;
    switch (context.event.type) {
      case SESSION_EVENTS.present: {
        const organisationId = subjectOrganisation(context, 'the presentation');
        const summary = payload.optionalText('summary', { max: 5000 }) ?? null;
        const active: Array<{ id: string }> = await context.em.query(
          `SELECT id FROM comments WHERE contribution_id = $1 AND organisation_id = $2 AND status = 'active' ORDER BY submitted_at, record_seq`,
          [contributionId, organisationId],
        );
        let commentIds = active.map((row) => row.id);
        if (payload.has('commentIds')) {
          const listed = payload.list('commentIds', { min: 0, max: 1000 }).map((value, index) => {
            if (typeof value !== 'string' || !commentIds.includes(value.toLowerCase())) {
              throw ParticipationException.invalidPayload(`payload.commentIds[${index}]`, "must be an active comment of the presenting organisation on this contribution");
            }
            return value.toLowerCase();
          });
          commentIds = [...new Set(listed)];
        }
        context.details.presentation = { organisationId, commentIds };
        return { kind: 'present', id: randomUUID(), organisationId, summary, commentIds };
      }
      case SESSION_EVENTS.dispose: {
        const commentId = payload.uuid('commentId');
        const disposition = payload.oneOf('disposition', DISPOSITIONS);
        const rationale = payload.text('rationale');
        const [comment] = await context.em.query(`SELECT status FROM comments WHERE id = $1 AND contribution_id = $2`, [commentId, contributionId]);
        if (!comment) throw ParticipationException.invalidPayload('payload.commentId', `no comment ${commentId} on this contribution; GET /contributions/${contributionId}/comments lists them`);
        if (comment.status === 'withdrawn') throw ParticipationException.withdrawn(`comment ${commentId}`);
        context.details.disposition = { commentId, disposition };
        return { kind: 'dispose', id: randomUUID(), commentId, disposition, rationale };
      }
      default: {
        const versionId = payload.optionalUuid('versionId');
        const version = versionId ? await this.texts.find(context.em, contributionId, versionId) : await this.texts.latest(context.em, contributionId);
        if (versionId && !version) throw ParticipationException.invalidPayload('payload.versionId', `no version ${versionId} of this contribution`);
        const [{ pending }] = await context.em.query(
          `SELECT count(*)::int AS pending FROM comments c WHERE c.contribution_id = $1 AND c.status = 'active'
              AND NOT EXISTS (SELECT 1 FROM comment_dispositions d WHERE d.comment_id = c.id)`,
          [contributionId],
        );
        context.details.finalised = { versionId: version?.id ?? null, versionNumber: version?.number ?? null, commentsWithoutDisposition: pending };
        return { kind: 'finalise', versionId: version?.id ?? null };
      }
    }
  }

  async afterTransition(context: AppliedTransitionContext): Promise<void> {
    const prepared = this.prepared.get(context.details);
    const seq = recordSeqOf(context);
    if (prepared) {
      const { session, action } = prepared;
      if (session.create) {
        await context.em.query(
          `INSERT INTO editorial_sessions (id, contribution_id, stage_id, body, meeting_date, location, opened_at, record_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [session.id, context.contribution.id, session.stageId, session.body, session.date, session.location, context.occurredAt, seq],
        );
      } else {
        await context.em.query(`UPDATE editorial_sessions SET location = $2, body = $3 WHERE id = $1`, [session.id, session.location, session.body]);
      }
      await this.write(context, session.id, action, seq);
    }
    const left = stagesAccepting(context, context.exited, HANDLED);
    if (left.length > 0) {
      await context.em.query(`UPDATE editorial_sessions SET closed_at = $3 WHERE contribution_id = $1 AND stage_id = ANY($2::text[]) AND closed_at IS NULL`, [
        context.contribution.id,
        left,
        context.occurredAt,
      ]);
    }
  }

  private async write(context: AppliedTransitionContext, sessionId: string, action: Action, seq: number): Promise<void> {
    switch (action.kind) {
      case 'present':
        await context.em.query(
          `INSERT INTO session_presentations (id, session_id, organisation_id, summary, comment_ids, presented_at, record_seq) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [action.id, sessionId, action.organisationId, action.summary, action.commentIds, context.occurredAt, seq],
        );
        return;
      case 'dispose':
        await context.em.query(
          `INSERT INTO comment_dispositions (id, comment_id, session_id, disposition, rationale, decided_at, recorded_by, record_seq)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (comment_id, session_id) DO UPDATE SET disposition = EXCLUDED.disposition, rationale = EXCLUDED.rationale,
             decided_at = EXCLUDED.decided_at, recorded_by = EXCLUDED.recorded_by, record_seq = EXCLUDED.record_seq`,
          [action.id, action.commentId, sessionId, action.disposition, action.rationale, context.occurredAt, context.actor.personId, seq],
        );
        return;
      case 'finalise':
        await context.em.query(`UPDATE editorial_sessions SET finalised_at = $2, outcome_version_id = $3 WHERE id = $1`, [sessionId, context.occurredAt, action.versionId]);
        return;
    }
  }
}
