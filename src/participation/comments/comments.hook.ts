import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppliedTransitionContext, ContributionExtensions, TransitionContext, TransitionHook } from '../../contributions/contribution-extensions';
import { ParticipationException } from '../participation.exception';
import { assertBeforeDeadline } from '../shared/effective-deadline.util';
import { recordSeqOf, stageOfEvent, subjectOrganisation } from '../shared/event-stage.util';
import { PayloadReader } from '../shared/payload-reader.util';
import { TextsService } from '../texts/texts.service';

export const COMMENT_EVENTS = { comment: 'COMMENT', noComment: 'NO_COMMENT', edit: 'EDIT_COMMENT', withdraw: 'WITHDRAW_COMMENT' } as const;
const HANDLED: string[] = Object.values(COMMENT_EVENTS);

interface Anchor {
  versionId: string | null;
  versionNumber: number | null;
  paragraphId: string | null;
  position: number | null;
}

type Prepared =
  | { kind: 'comment'; id: string; stageId: string; organisationId: string; anchor: Anchor; text: string; proposedText: string | null }
  | { kind: 'noComment'; stageId: string; organisationId: string }
  | { kind: 'edit'; id: string; anchor?: Anchor; text?: string; proposedText?: string | null }
  | { kind: 'withdraw'; id: string };

interface CommentRow {
  id: string;
  stage_id: string;
  organisation_id: string;
  status: string;
}

/**
 * COMMENT, NO_COMMENT, EDIT_COMMENT and WITHDRAW_COMMENT: validated (anchor, owner, the
 * organisation's deadline) before the machine moves, written in the same transaction after.
 */
@Injectable()
export class CommentsHook implements TransitionHook, OnModuleInit {
  readonly name = 'participation.comments';
  private readonly prepared = new WeakMap<object, Prepared>();

  constructor(
    private readonly extensions: ContributionExtensions,
    private readonly texts: TextsService,
  ) {}

  onModuleInit(): void {
    this.extensions.registerHook(this);
  }

  async beforeTransition(context: TransitionContext): Promise<void> {
    if (!HANDLED.includes(context.event.type)) return;
    const prepared = await this.prepare(context);
    this.prepared.set(context.details, prepared);
  }

  private async prepare(context: TransitionContext): Promise<Prepared> {
    switch (context.event.type) {
      case COMMENT_EVENTS.comment: {
        const payload = PayloadReader.of(context.event.payload, ['text', 'paragraphId', 'versionId', 'proposedText', 'organisationId']);
        const stage = stageOfEvent(context);
        const organisationId = subjectOrganisation(context, 'the comment');
        const text = payload.text('text');
        const proposedText = payload.optionalText('proposedText') ?? null;
        await assertBeforeDeadline(context, stage.id, organisationId, 'commenting');
        const anchor = await this.anchor(context, payload);
        const id = randomUUID();
        context.details.comment = { id, stage: stage.id, ...anchor };
        return { kind: 'comment', id, stageId: stage.id, organisationId, anchor, text, proposedText };
      }
      case COMMENT_EVENTS.noComment: {
        PayloadReader.of(context.event.payload, ['organisationId']);
        const stage = stageOfEvent(context);
        const organisationId = subjectOrganisation(context, '"no comment"');
        await assertBeforeDeadline(context, stage.id, organisationId, 'declaring "no comment"');
        context.details.noComment = { stage: stage.id };
        return { kind: 'noComment', stageId: stage.id, organisationId };
      }
      case COMMENT_EVENTS.edit: {
        const payload = PayloadReader.of(context.event.payload, ['commentId', 'text', 'proposedText', 'paragraphId', 'versionId', 'organisationId']);
        const comment = await this.ownComment(context, payload.uuid('commentId'), 'editing a comment');
        const text = payload.optionalText('text');
        const clearsProposal = context.event.payload?.proposedText === null;
        const proposedText = clearsProposal ? null : payload.optionalText('proposedText');
        const reanchors = payload.has('paragraphId') || payload.has('versionId');
        if (text === undefined && proposedText === undefined && !clearsProposal && !reanchors) {
          throw ParticipationException.invalidPayload('payload', 'send what changes: text, proposedText (null removes it), paragraphId or versionId');
        }
        const anchor = reanchors ? await this.anchor(context, payload) : undefined;
        context.details.comment = { id: comment.id, stage: comment.stage_id, organisationId: comment.organisation_id, ...(anchor ?? {}) };
        return { kind: 'edit', id: comment.id, anchor, text, proposedText: clearsProposal ? null : proposedText };
      }
      default: {
        const payload = PayloadReader.of(context.event.payload, ['commentId', 'reason', 'organisationId']);
        payload.optionalText('reason', { max: 2000 });
        const comment = await this.ownComment(context, payload.uuid('commentId'), 'withdrawing a comment');
        context.details.comment = { id: comment.id, stage: comment.stage_id, organisationId: comment.organisation_id };
        return { kind: 'withdraw', id: comment.id };
      }
    }
  }

  /** A comment of this contribution that the sender may change: its own organisation's, still active, in a round still open. */
  private async ownComment(context: TransitionContext, commentId: string, action: string): Promise<CommentRow> {
    const [comment]: CommentRow[] = await context.em.query(
      `SELECT id, stage_id, organisation_id, status FROM comments WHERE id = $1 AND contribution_id = $2 FOR UPDATE`,
      [commentId, context.contribution.id],
    );
    if (!comment) throw ParticipationException.notFound(`comment ${commentId}`, `GET /contributions/${context.contribution.id}/comments lists yours`);
    if (context.actor.role === 'participant' && comment.organisation_id !== context.actor.organisationId) throw ParticipationException.notYours(`comment ${commentId}`);
    if (context.event.organisationId && context.event.organisationId !== comment.organisation_id) {
      throw ParticipationException.invalidPayload('payload.organisationId', 'is not the organisation that made this comment; leave it out');
    }
    if (comment.status === 'withdrawn') throw ParticipationException.withdrawn(`comment ${commentId}`);
    if (!context.fromStages.includes(comment.stage_id)) throw ParticipationException.roundClosed(`comment ${commentId}`, comment.stage_id);
    await assertBeforeDeadline(context, comment.stage_id, comment.organisation_id, action);
    return comment;
  }

  /** The version and paragraph a comment is about: the given version, else the newest the sender can read; no paragraph means the whole text. */
  private async anchor(context: TransitionContext, payload: PayloadReader): Promise<Anchor> {
    const versionId = payload.optionalUuid('versionId');
    const paragraphId = payload.optionalUuid('paragraphId');
    const participant = context.actor.role === 'participant';
    const version = versionId ? await this.texts.find(context.em, context.contribution.id, versionId) : await this.texts.latest(context.em, context.contribution.id, participant);
    if (versionId && (!version || (participant && !version.sharedAt))) {
      throw ParticipationException.invalidPayload('payload.versionId', `no version ${versionId} of this contribution that you can read; GET /contributions/${context.contribution.id}/versions lists them`);
    }
    if (!paragraphId) return { versionId: version?.id ?? null, versionNumber: version?.number ?? null, paragraphId: null, position: null };
    if (!version) throw ParticipationException.invalidPayload('payload.paragraphId', 'no text version has been shared yet; leave paragraphId out to comment on the whole text');
    const [row] = await context.em.query(`SELECT position FROM text_paragraphs WHERE version_id = $1 AND paragraph_id = $2`, [version.id, paragraphId]);
    if (!row) {
      throw ParticipationException.invalidPayload(
        'payload.paragraphId',
        `paragraph ${paragraphId} is not in version ${version.number}; GET /contributions/${context.contribution.id}/versions/${version.number} lists its paragraphs`,
      );
    }
    return { versionId: version.id, versionNumber: version.number, paragraphId, position: row.position };
  }

  async afterTransition(context: AppliedTransitionContext): Promise<void> {
    const prepared = this.prepared.get(context.details);
    if (!prepared) return;
    const seq = recordSeqOf(context);
    switch (prepared.kind) {
      case 'comment':
        await context.em.query(
          `INSERT INTO comments (id, contribution_id, stage_id, organisation_id, version_id, paragraph_id, text, proposed_text, author_person_id, author_name, author_role, submitted_at, record_seq)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [
            prepared.id,
            context.contribution.id,
            prepared.stageId,
            prepared.organisationId,
            prepared.anchor.versionId,
            prepared.anchor.paragraphId,
            prepared.text,
            prepared.proposedText,
            context.actor.personId,
            context.actor.name,
            context.actor.role,
            context.occurredAt,
            seq,
          ],
        );
        return;
      case 'noComment':
        await context.em.query(
          `INSERT INTO no_comment_declarations (contribution_id, stage_id, organisation_id, declared_at, declared_by, record_seq)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [context.contribution.id, prepared.stageId, prepared.organisationId, context.occurredAt, context.actor.personId, seq],
        );
        return;
      case 'edit':
        await context.em.query(
          `UPDATE comments SET text = coalesce($2, text),
                  proposed_text = CASE WHEN $3::boolean THEN $4 ELSE proposed_text END,
                  version_id = CASE WHEN $5::boolean THEN $6::uuid ELSE version_id END,
                  paragraph_id = CASE WHEN $5::boolean THEN $7::uuid ELSE paragraph_id END,
                  edited_at = $8, revision = revision + 1
            WHERE id = $1`,
          [
            prepared.id,
            prepared.text ?? null,
            prepared.proposedText !== undefined,
            prepared.proposedText ?? null,
            prepared.anchor !== undefined,
            prepared.anchor?.versionId ?? null,
            prepared.anchor?.paragraphId ?? null,
            context.occurredAt,
          ],
        );
        return;
      case 'withdraw':
        await context.em.query(`UPDATE comments SET status = 'withdrawn', withdrawn_at = $2 WHERE id = $1`, [prepared.id, context.occurredAt]);
        return;
    }
  }
}
