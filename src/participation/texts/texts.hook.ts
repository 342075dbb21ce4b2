import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppliedTransitionContext, ContributionExtensions, TransitionContext, TransitionHook } from '../../contributions/contribution-extensions';
import { ParticipationException } from '../participation.exception';
import { recordSeqOf, stageOfEvent } from '../shared/event-stage.util';
import { PayloadReader } from '../shared/payload-reader.util';
import { assignParagraphIds, Paragraph, ParagraphInput } from './paragraph-lineage.util';
import { TextsService } from './texts.service';

export const RECORD_VERSION = 'RECORD_VERSION';

interface PreparedVersion {
  id: string;
  number: number;
  label: string | null;
  stageId: string;
  paragraphs: Paragraph[];
  /** A draft recorded while drafting stays with the secretariat until the drafting stage is left. */
  shareNow: boolean;
}

/**
 * RECORD_VERSION `{ label?, paragraphs: [{ id?, text }] }` stores a new version with stable
 * paragraph ids; leaving a drafting stage shares the drafts recorded in it with participants.
 */
@Injectable()
export class TextsHook implements TransitionHook, OnModuleInit {
  readonly name = 'participation.texts';
  private readonly prepared = new WeakMap<object, PreparedVersion>();

  constructor(
    private readonly extensions: ContributionExtensions,
    private readonly texts: TextsService,
  ) {}

  onModuleInit(): void {
    this.extensions.registerHook(this);
  }

  async beforeTransition(context: TransitionContext): Promise<void> {
    if (context.event.type !== RECORD_VERSION) return;
    const stage = stageOfEvent(context);
    const payload = PayloadReader.of(context.event.payload, ['label', 'paragraphs']);
    const label = payload.optionalText('label', { max: 200 }) ?? null;
    const input: ParagraphInput[] = payload.list('paragraphs', { min: 1, max: 5000 }).map((_, index) => {
      const item = payload.itemReader('paragraphs', index, ['id', 'text']);
      return { id: item.optionalUuid('id'), text: item.text('text', { max: 50_000 }) };
    });
    const known = await this.texts.knownParagraphIds(context.em, context.contribution.id);
    const lineage = assignParagraphIds(input, known, randomUUID);
    if (!lineage.ok) throw ParticipationException.invalidPayload(`payload.paragraphs[${lineage.index}].${lineage.field}`, lineage.message);
    const [{ next }] = await context.em.query(`SELECT coalesce(max(number), 0) + 1 AS next FROM text_versions WHERE contribution_id = $1`, [context.contribution.id]);
    const version: PreparedVersion = { id: randomUUID(), number: next, label, stageId: stage.id, paragraphs: lineage.paragraphs, shareNow: stage.kind !== 'drafting' };
    this.prepared.set(context.details, version);
    context.details.textVersion = {
      id: version.id,
      number: version.number,
      stage: stage.id,
      paragraphIds: version.paragraphs.map((p) => p.id),
      kept: lineage.kept,
      added: lineage.added,
    };
  }

  async afterTransition(context: AppliedTransitionContext): Promise<void> {
    const version = this.prepared.get(context.details);
    if (version) await this.insert(context, version);
    const leftDrafting = context.exited.filter((id) => context.workflow.stage(id)?.kind === 'drafting');
    if (leftDrafting.length > 0) {
      await context.em.query(`UPDATE text_versions SET shared_at = $3 WHERE contribution_id = $1 AND stage_id = ANY($2::text[]) AND shared_at IS NULL`, [
        context.contribution.id,
        leftDrafting,
        context.occurredAt,
      ]);
    }
  }

  private async insert(context: AppliedTransitionContext, version: PreparedVersion): Promise<void> {
    await context.em.query(
      `INSERT INTO text_versions (id, contribution_id, number, label, stage_id, author_person_id, author_name, author_role, created_at, recorded_at, shared_at, record_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        version.id,
        context.contribution.id,
        version.number,
        version.label,
        version.stageId,
        context.actor.personId,
        context.actor.name,
        context.actor.role,
        context.occurredAt,
        context.recordedAt,
        version.shareNow ? context.occurredAt : null,
        recordSeqOf(context),
      ],
    );
    await context.em.query(
      `INSERT INTO text_paragraphs (version_id, position, paragraph_id, text)
       SELECT $1, p.position, p.paragraph_id, p.text FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS p(paragraph_id, text, position)`,
      [version.id, version.paragraphs.map((p) => p.id), version.paragraphs.map((p) => p.text)],
    );
  }
}
