import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../audit/audit-trail.service';
import { CheckpointsService } from '../audit/checkpoints/checkpoints.service';
import { TransitionRecord } from '../audit/entities/transition-record.entity';
import { hashRecord } from '../audit/hash-chain.util';
import { readContribution } from '../contributions/contribution-rows.util';
import { ContributionException } from '../contributions/contribution.exception';
import { WorkflowsService } from '../workflows/workflows.service';
import { buildKeyStagesReport, ReportOrganisation } from './key-stages-builder.util';
import { KeyStagesReport, ReportIntegrity, ReportVariant } from './key-stages.model';

/** Gathers one contribution's audit trail (and nothing else of the domain) and builds its report. */
@Injectable()
export class KeyStagesReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflows: WorkflowsService,
    private readonly audit: AuditTrailService,
    private readonly checkpoints: CheckpointsService,
  ) {}

  async build(contributionId: string, variant: ReportVariant): Promise<KeyStagesReport> {
    // One snapshot: the records and the head they are checked against belong together.
    const { contribution, records } = await this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const found = await readContribution(em, contributionId);
      if (!found) throw ContributionException.notFound(contributionId);
      return { contribution: found, records: await this.audit.records(contributionId, em) };
    });
    const entity = await this.workflows.resolve(contribution.definitionId);
    const workflow = this.workflows.compile(entity);

    return buildKeyStagesReport({
      variant,
      generatedAt: new Date(),
      contribution: {
        id: contribution.id,
        symbol: contribution.symbol,
        title: contribution.title,
        source: contribution.source,
        originalLanguage: contribution.originalLanguage,
        agendaItem: contribution.agendaItem,
        purpose: contribution.purpose,
        actionRequired: contribution.actionRequired,
        status: contribution.status,
        currentStages: contribution.currentStages,
      },
      workflow: { key: entity.key, version: entity.version, name: entity.name },
      definition: workflow.definition,
      records,
      organisations: await this.organisations(records),
      integrity: await this.integrity(contribution.id, records, { headSeq: contribution.headSeq, headHash: contribution.headHash }),
    });
  }

  private async organisations(records: TransitionRecord[]): Promise<Map<string, ReportOrganisation>> {
    const ids = new Set<string>();
    for (const record of records) {
      for (const id of [record.organisationId, record.actorOrganisationId, record.payload.organisationId]) if (typeof id === 'string') ids.add(id);
      const extension = record.details.extension as { organisationId?: unknown } | undefined;
      if (typeof extension?.organisationId === 'string') ids.add(extension.organisationId);
    }
    const valid = [...ids].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (valid.length === 0) return new Map();
    const rows: Array<{ id: string; name: string; country: string | null; region: string | null; stakeholder_type: string | null }> = await this.dataSource.query(
      'SELECT id, name, country, region, stakeholder_type FROM organisations WHERE id = ANY($1::uuid[])',
      [valid],
    );
    return new Map(rows.map((row) => [row.id, { id: row.id, name: row.name, country: row.country, region: row.region, stakeholderType: row.stakeholder_type }]));
  }

  private async integrity(contributionId: string, records: TransitionRecord[], head: { headSeq: number; headHash: string | null }): Promise<ReportIntegrity> {
    const verification = this.audit.verifyRecords(contributionId, records, head);
    const vouched = await this.checkpoints.latestHeadOf(contributionId);
    const record = vouched ? records.find((r) => r.seq === vouched.seq) : undefined;
    return {
      records: records.length,
      headSeq: head.headSeq,
      headHash: head.headHash,
      chainVerified: verification.ok,
      firstBreak: verification.firstBreak ? { seq: verification.firstBreak.seq, problem: verification.firstBreak.problem, message: verification.firstBreak.message } : null,
      checkpoint: vouched
        ? { sequence: vouched.sequence, createdAt: vouched.createdAt, coversRecords: vouched.seq, matches: !!record && record.hash === vouched.hash && hashRecord(record) === vouched.hash }
        : null,
    };
  }
}
