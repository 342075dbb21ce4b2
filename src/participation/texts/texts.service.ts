import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { ContributionsService } from '../../contributions/contributions.service';
import { ParticipationException } from '../participation.exception';
import { readsEverything } from '../shared/readers.util';
import { TextParagraph } from './entities/text-paragraph.entity';
import { TextVersion } from './entities/text-version.entity';
import { diffParagraphs } from './paragraph-diff.util';
import type { Paragraph } from './paragraph-lineage.util';

export interface VersionRef {
  id: string;
  number: number;
  label: string | null;
  sharedAt: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Text versions: lookups for the other participation hooks, and what each reader may see. */
@Injectable()
export class TextsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contributions: ContributionsService,
  ) {}

  /** The newest version (participants: the newest shared one), or null before any text is recorded. */
  async latest(em: EntityManager, contributionId: string, sharedOnly = false): Promise<VersionRef | null> {
    const [row] = await em.query(
      `SELECT id, number, label, shared_at FROM text_versions WHERE contribution_id = $1 ${sharedOnly ? 'AND shared_at IS NOT NULL' : ''} ORDER BY number DESC LIMIT 1`,
      [contributionId],
    );
    return row ? { id: row.id, number: row.number, label: row.label, sharedAt: row.shared_at } : null;
  }

  async find(em: EntityManager, contributionId: string, versionId: string): Promise<VersionRef | null> {
    const [row] = await em.query(`SELECT id, number, label, shared_at FROM text_versions WHERE contribution_id = $1 AND id = $2`, [contributionId, versionId]);
    return row ? { id: row.id, number: row.number, label: row.label, sharedAt: row.shared_at } : null;
  }

  async paragraphs(em: EntityManager, versionId: string): Promise<Paragraph[]> {
    const rows = await em.getRepository(TextParagraph).find({ where: { versionId }, order: { position: 'ASC' } });
    return rows.map((row) => ({ id: row.paragraphId, text: row.text }));
  }

  async paragraphsOf(em: EntityManager, versionIds: string[]): Promise<Map<string, Paragraph[]>> {
    const result = new Map<string, Paragraph[]>(versionIds.map((id) => [id, []]));
    if (versionIds.length === 0) return result;
    const rows: Array<{ version_id: string; paragraph_id: string; text: string }> = await em.query(
      `SELECT version_id, paragraph_id, text FROM text_paragraphs WHERE version_id = ANY($1::uuid[]) ORDER BY version_id, position`,
      [versionIds],
    );
    for (const row of rows) result.get(row.version_id)!.push({ id: row.paragraph_id, text: row.text });
    return result;
  }

  async knownParagraphIds(em: EntityManager, contributionId: string): Promise<Set<string>> {
    const rows: Array<{ paragraph_id: string }> = await em.query(
      `SELECT DISTINCT p.paragraph_id FROM text_paragraphs p JOIN text_versions v ON v.id = p.version_id WHERE v.contribution_id = $1`,
      [contributionId],
    );
    return new Set(rows.map((row) => row.paragraph_id));
  }

  /** Every version the actor may read, oldest first: participants see a draft once it is shared. */
  async list(contributionId: string, actor: Actor) {
    await this.contributions.find(contributionId);
    const versions = await this.dataSource.getRepository(TextVersion).find({ where: { contributionId }, order: { number: 'ASC' } });
    const visible = versions.filter((version) => readsEverything(actor) || version.sharedAt !== null);
    const counts: Array<{ version_id: string; n: number }> = visible.length
      ? await this.dataSource.query(`SELECT version_id, count(*)::int AS n FROM text_paragraphs WHERE version_id = ANY($1::uuid[]) GROUP BY version_id`, [visible.map((v) => v.id)])
      : [];
    const byVersion = new Map(counts.map((row) => [row.version_id, row.n]));
    return { contributionId, items: visible.map((version) => ({ ...versionView(version, actor), paragraphs: byVersion.get(version.id) ?? 0 })) };
  }

  async get(contributionId: string, ref: string, actor: Actor) {
    const version = await this.visibleVersion(contributionId, ref, actor);
    const paragraphs = await this.paragraphs(this.dataSource.manager, version.id);
    return { ...versionView(version, actor), paragraphs: paragraphs.map((p, i) => ({ id: p.id, position: i + 1, text: p.text })) };
  }

  async diff(contributionId: string, fromRef: string, toRef: string, actor: Actor) {
    const [from, to] = [await this.visibleVersion(contributionId, fromRef, actor), await this.visibleVersion(contributionId, toRef, actor)];
    const paragraphs = await this.paragraphsOf(this.dataSource.manager, [from.id, to.id]);
    const diff = diffParagraphs(paragraphs.get(from.id)!, paragraphs.get(to.id)!);
    return { contributionId, from: versionView(from, actor), to: versionView(to, actor), summary: diff.summary, paragraphs: diff.paragraphs };
  }

  /** A version by number ("2") or id; a participant asking for an unshared draft is told it does not exist. */
  async visibleVersion(contributionId: string, ref: string, actor: Actor): Promise<TextVersion> {
    await this.contributions.find(contributionId);
    const where = /^\d{1,9}$/.test(ref) ? { contributionId, number: Number(ref) } : UUID.test(ref) ? { contributionId, id: ref.toLowerCase() } : null;
    if (!where) throw ParticipationException.invalidPayload('version', 'use a version number (1, 2, …) or a version id');
    const version = await this.dataSource.getRepository(TextVersion).findOne({ where });
    if (!version || (!readsEverything(actor) && version.sharedAt === null)) {
      throw ParticipationException.notFound(`text version ${ref}`, `GET /contributions/${contributionId}/versions lists the versions you can read`);
    }
    return version;
  }
}

export function versionView(version: TextVersion, actor?: Actor) {
  return {
    id: version.id,
    number: version.number,
    label: version.label,
    stage: version.stageId,
    author: readsEverything(actor) ? { name: version.authorName, role: version.authorRole } : { role: version.authorRole },
    createdAt: version.createdAt.toISOString(),
    sharedAt: version.sharedAt?.toISOString() ?? null,
  };
}
