import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContributionsService } from '../contributions/contributions.service';
import { ENDORSING_OUTCOMES } from '../participation/decisions/decisions.service';
import { ParticipationException } from '../participation/participation.exception';
import { TextsService } from '../participation/texts/texts.service';

/**
 * The only text the public reads: the version as submitted, or else the version a body last
 * endorsed, adopted or approved. Drafts, and versions no body agreed, never leave here.
 */
@Injectable()
export class PublicTextService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contributions: ContributionsService,
    private readonly texts: TextsService,
  ) {}

  async finalText(contributionId: string) {
    const contribution = await this.contributions.find(contributionId);
    const [row] = await this.dataSource.query(
      `SELECT version_id, basis, at, body FROM (
         SELECT version_id, 'submitted' AS basis, submitted_at AS at, recipient AS body, 2 AS rank FROM submitted_copies WHERE contribution_id = $1 AND version_id IS NOT NULL
         UNION ALL
         SELECT version_id, outcome, decided_at, body, 1 FROM body_decisions WHERE contribution_id = $1 AND version_id IS NOT NULL AND outcome = ANY($2::text[])
       ) agreed ORDER BY rank DESC, at DESC LIMIT 1`,
      [contributionId, ENDORSING_OUTCOMES],
    );
    if (!row) throw ParticipationException.notFound(`a final text of contribution ${contributionId}`, 'no version has been endorsed or submitted yet; drafts are not public');
    const version = (await this.texts.find(this.dataSource.manager, contributionId, row.version_id))!;
    const paragraphs = await this.texts.paragraphs(this.dataSource.manager, row.version_id);
    return {
      contribution: { id: contribution.id, symbol: contribution.symbol, title: contribution.title, source: contribution.source, originalLanguage: contribution.originalLanguage },
      version: version.number,
      label: version.label,
      basis: { kind: row.basis, by: row.body, on: row.at.toISOString() },
      paragraphs: paragraphs.map((p) => p.text),
    };
  }
}
