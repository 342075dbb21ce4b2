import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { ContributionsService } from '../../contributions/contributions.service';
import type { CompiledWorkflow } from '../../workflows/definition/compiled-workflow';
import { WorkflowsService } from '../../workflows/workflows.service';
import { ParticipationException } from '../participation.exception';
import { localDate } from '../shared/meeting-date.util';
import { readsEverything } from '../shared/readers.util';
import { TextsService } from '../texts/texts.service';
import type { SignatureKind } from './entities/signature.entity';
import type { FrozenSupporter } from './entities/submitted-copy.entity';
import { ListedSupporter, publicSupporters, SignatureFacts } from './signatory-list.util';

interface SignatureRow {
  id: string;
  stage_id: string;
  organisation_id: string;
  name: string;
  country: string | null;
  stakeholder_type: string | null;
  region: string | null;
  joined_at: Date;
  join_seq: number;
  channel: 'online' | 'event';
  event_name: string | null;
  event_date: string | null;
  event_location: string | null;
  joined_by_role: string;
  verification: string | null;
  verified_at: Date | null;
  withdrawn_at: Date | null;
  withdrawal_reason: string | null;
  withdraw_reason_given: string | null;
}

/** Signatories and co-sponsors: the public lists, everything for the secretariat and auditors, the "as submitted" copy. */
@Injectable()
export class SignatoriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contributions: ContributionsService,
    private readonly workflows: WorkflowsService,
    private readonly texts: TextsService,
  ) {}

  private async rows(em: EntityManager, contributionId: string, kind: SignatureKind): Promise<SignatureRow[]> {
    return em.query(
      `SELECT s.id, s.stage_id, s.organisation_id, o.name, o.country, o.stakeholder_type, o.region, s.joined_at, s.join_seq, s.channel,
              s.event_name, to_char(s.event_date, 'YYYY-MM-DD') AS event_date, s.event_location, s.joined_by_role, s.verification, s.verified_at,
              s.withdrawn_at, s.withdrawal_reason, r.reason AS withdraw_reason_given
         FROM signatures s
         JOIN organisations o ON o.id = s.organisation_id
         LEFT JOIN transition_records r ON r.contribution_id = s.contribution_id AND r.seq = s.withdraw_seq
        WHERE s.contribution_id = $1 AND s.kind = $2
        ORDER BY s.joined_at, s.join_seq`,
      [contributionId, kind],
    );
  }

  /**
   * The public list: signatories verified and not withdrawn (co-sponsors: not withdrawn), in
   * joining order, leaving out stages the workflow marks `public: false`.
   */
  async supporters(em: EntityManager, contributionId: string, kind: SignatureKind, workflow: CompiledWorkflow): Promise<ListedSupporter[]> {
    const rows = (await this.rows(em, contributionId, kind)).filter((row) => workflow.stage(row.stage_id)?.public !== false);
    return publicSupporters(rows.map(toFacts), { requireVerification: kind === 'signatory' });
  }

  async publicList(contributionId: string, kind: SignatureKind) {
    const contribution = await this.contributions.find(contributionId);
    const workflow = this.workflows.compile(await this.workflows.resolve(contribution.definitionId));
    const zone = workflow.definition.timeZone;
    const list = await this.supporters(this.dataSource.manager, contributionId, kind, workflow);
    return {
      contribution: { id: contribution.id, symbol: contribution.symbol, title: contribution.title },
      count: list.length,
      items: list.map((entry) => publicEntry(entry, zone)),
    };
  }

  /** Every signature with its state; a participant sees the public list and its own organisation's signature, whatever its state. */
  async list(contributionId: string, kind: SignatureKind, actor: Actor) {
    const contribution = await this.contributions.find(contributionId);
    const workflow = this.workflows.compile(await this.workflows.resolve(contribution.definitionId));
    const zone = workflow.definition.timeZone;
    const rows = await this.rows(this.dataSource.manager, contributionId, kind);
    const listed = new Map(publicSupporters(rows.map(toFacts), { requireVerification: kind === 'signatory' }).map((entry) => [entry.organisationId, entry.position]));
    const visible = rows.filter((row) => readsEverything(actor) || row.organisation_id === actor.organisationId || (listed.has(row.organisation_id) && !row.withdrawn_at));
    return {
      contributionId,
      kind,
      listed: listed.size,
      items: visible.map((row) => ({
        id: row.id,
        position: row.withdrawn_at ? null : (listed.get(row.organisation_id) ?? null),
        organisation: { id: row.organisation_id, name: row.name, country: row.country, stakeholderType: row.stakeholder_type, region: row.region },
        stage: row.stage_id,
        joinedAt: row.joined_at.toISOString(),
        joinedOn: localDate(row.joined_at, zone),
        channel: row.channel,
        event: row.event_name ? { name: row.event_name, date: row.event_date, location: row.event_location } : null,
        recordedBy: row.joined_by_role,
        status: row.withdrawn_at ? 'withdrawn' : kind === 'cosponsor' || row.verification ? 'listed' : 'awaiting_verification',
        verification: row.verification,
        verifiedAt: row.verified_at?.toISOString() ?? null,
        withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
        withdrawalReason: row.withdrawn_at ? (row.withdrawal_reason ?? row.withdraw_reason_given) : null,
      })),
    };
  }

  /** The copy frozen at submission (the newest, if submitted more than once), with the text as submitted. */
  async asSubmitted(contributionId: string) {
    const contribution = await this.contributions.find(contributionId);
    const [copy]: Array<Record<string, any>> = await this.dataSource.query(
      `SELECT c.*, v.number AS version_number, v.label AS version_label FROM submitted_copies c LEFT JOIN text_versions v ON v.id = c.version_id
        WHERE c.contribution_id = $1 ORDER BY c.submitted_at DESC, c.record_seq DESC LIMIT 1`,
      [contributionId],
    );
    if (!copy) throw ParticipationException.notFound(`a submitted copy of contribution ${contributionId}`, 'it has not been submitted (SUBMIT) yet');
    const paragraphs = copy.version_id ? await this.texts.paragraphs(this.dataSource.manager, copy.version_id) : [];
    const strip = (list: FrozenSupporter[]) => list.map(({ organisationId: _organisationId, ...rest }) => rest);
    return {
      contribution: { id: contribution.id, symbol: contribution.symbol, title: contribution.title, source: contribution.source },
      submittedAt: copy.submitted_at.toISOString(),
      recipient: copy.recipient,
      agendaItem: copy.agenda_item,
      agendaTitle: copy.agenda_title,
      symbol: copy.symbol,
      text: copy.version_id ? { version: copy.version_number, label: copy.version_label, paragraphs: paragraphs.map((p) => p.text) } : null,
      signatories: strip(copy.signatories),
      cosponsors: strip(copy.cosponsors),
    };
  }
}

function toFacts(row: SignatureRow): SignatureFacts {
  return {
    organisationId: row.organisation_id,
    name: row.name,
    country: row.country,
    stakeholderType: row.stakeholder_type,
    region: row.region,
    joinedAt: row.joined_at,
    joinSeq: row.join_seq,
    channel: row.channel,
    eventName: row.event_name,
    verified: row.verification !== null,
    withdrawn: row.withdrawn_at !== null,
  };
}

function publicEntry(entry: ListedSupporter, zone: string) {
  return {
    position: entry.position,
    name: entry.name,
    country: entry.country,
    stakeholderType: entry.stakeholderType,
    region: entry.region,
    joinedOn: localDate(new Date(entry.joinedAt), zone),
    channel: entry.channel,
    event: entry.event,
  };
}
