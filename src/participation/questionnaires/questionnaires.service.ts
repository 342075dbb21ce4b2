import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { RequestException } from '../../common/errors/request.exception';
import { ContributionsService } from '../../contributions/contributions.service';
import type { CompiledWorkflow } from '../../workflows/definition/compiled-workflow';
import type { StageSpec } from '../../workflows/definition/definition.types';
import { WorkflowsService } from '../../workflows/workflows.service';
import { ParticipationException } from '../participation.exception';
import { readsEverything } from '../shared/readers.util';
import { QUESTIONNAIRE_EVENTS } from './questionnaires.hook';
import { submissionCounts } from './submission-counts.util';

interface SubmissionRow {
  id: string;
  stage_id: string;
  organisation_id: string;
  name: string;
  country: string | null;
  stakeholder_type: string | null;
  region: string | null;
  answers: Array<{ question: number; text: string }>;
  consent_to_publish: boolean;
  submitted_at: Date;
  updated_at: Date;
  revision: number;
  author_name: string;
}

/** Questions, submissions as each reader may see them, counts, and the public page of consented submissions. */
@Injectable()
export class QuestionnairesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contributions: ContributionsService,
    private readonly workflows: WorkflowsService,
  ) {}

  private async context(contributionId: string, stage?: string) {
    const contribution = await this.contributions.find(contributionId);
    const workflow = this.workflows.compile(await this.workflows.resolve(contribution.definitionId));
    return { contribution, workflow, stage: questionnaireStage(workflow, stage) };
  }

  private async questions(contributionId: string, stageId: string) {
    const rows: Array<{ number: number; text: string }> = await this.dataSource.query(
      `SELECT number, text FROM questionnaire_questions WHERE contribution_id = $1 AND stage_id = $2 ORDER BY number`,
      [contributionId, stageId],
    );
    return rows;
  }

  private async rows(contributionId: string, stageId: string, filter: { organisationId?: string | null; consentedOnly?: boolean; id?: string } = {}): Promise<SubmissionRow[]> {
    return this.dataSource.query(
      `SELECT s.id, s.stage_id, s.organisation_id, o.name, o.country, o.stakeholder_type, o.region, s.answers, s.consent_to_publish,
              s.submitted_at, s.updated_at, s.revision, s.author_name
         FROM questionnaire_submissions s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.contribution_id = $1 AND s.stage_id = $2 AND ($3::uuid IS NULL OR s.organisation_id = $3) AND (NOT $4 OR s.consent_to_publish) AND ($5::uuid IS NULL OR s.id = $5)
        ORDER BY s.submitted_at, s.record_seq`,
      [contributionId, stageId, filter.organisationId ?? null, filter.consentedOnly ?? false, filter.id ?? null],
    );
  }

  async questionnaire(contributionId: string, stage?: string) {
    const { stage: spec } = await this.context(contributionId, stage);
    return { contributionId, stage: spec.id, title: spec.title, questions: await this.questions(contributionId, spec.id) };
  }

  /** The secretariat and auditors see every submission; a participant its own organisation's. */
  async list(contributionId: string, actor: Actor, stage?: string) {
    const { stage: spec } = await this.context(contributionId, stage);
    const rows = await this.rows(contributionId, spec.id, { organisationId: readsEverything(actor) ? null : (actor.organisationId ?? '00000000-0000-0000-0000-000000000000') });
    return { contributionId, stage: spec.id, items: rows.map((row) => submissionView(row, true)) };
  }

  /** One submission: yours, or another organisation's only if published with its consent (403 otherwise). */
  async get(contributionId: string, submissionId: string, actor: Actor) {
    const contribution = await this.contributions.find(contributionId);
    const [row]: SubmissionRow[] = await this.dataSource.query(`SELECT stage_id FROM questionnaire_submissions WHERE contribution_id = $1 AND id = $2`, [contribution.id, submissionId]);
    if (!row) throw ParticipationException.notFound(`submission ${submissionId}`, `GET /contributions/${contributionId}/submissions lists the ones you can read`);
    const [submission] = await this.rows(contributionId, row.stage_id, { id: submissionId });
    const own = submission.organisation_id === actor.organisationId;
    if (!readsEverything(actor) && !own && !submission.consent_to_publish) throw ParticipationException.notPublished(`submission ${submissionId}`);
    return submissionView(submission, readsEverything(actor) || own);
  }

  async counts(contributionId: string, stage?: string) {
    const { stage: spec } = await this.context(contributionId, stage);
    const rows = await this.rows(contributionId, spec.id);
    return {
      contributionId,
      stage: spec.id,
      ...submissionCounts(rows.map((row) => ({ stakeholderType: row.stakeholder_type, region: row.region, consentToPublish: row.consent_to_publish }))),
    };
  }

  /** The public page: the questions, the counts, and only the submissions published with consent. */
  async publicPage(contributionId: string, stage?: string) {
    const { contribution, stage: spec } = await this.context(contributionId, stage);
    if (!spec.public) throw ParticipationException.notFound(`a public questionnaire in contribution ${contributionId}`, 'this stage is not public');
    const rows = await this.rows(contributionId, spec.id);
    const counts = submissionCounts(rows.map((row) => ({ stakeholderType: row.stakeholder_type, region: row.region, consentToPublish: row.consent_to_publish })));
    return {
      contribution: { id: contribution.id, symbol: contribution.symbol, title: contribution.title, source: contribution.source },
      stage: spec.id,
      title: spec.title,
      questions: await this.questions(contributionId, spec.id),
      counts,
      submissions: rows.filter((row) => row.consent_to_publish).map((row) => submissionView(row, false)),
    };
  }
}

function questionnaireStage(workflow: CompiledWorkflow, stage?: string): StageSpec {
  const candidates = workflow.index.ordered.filter((spec) => spec.transitions.some((t) => t.event === QUESTIONNAIRE_EVENTS.submit));
  if (stage !== undefined) {
    const found = candidates.find((spec) => spec.id === stage);
    if (!found) throw RequestException.field('stage', `must be a questionnaire stage of this workflow: ${candidates.map((c) => c.id).join(', ') || 'it has none'}`);
    return found;
  }
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) throw ParticipationException.notFound('a questionnaire', 'this workflow has no questionnaire stage');
  throw RequestException.field('stage', `name the questionnaire: one of ${candidates.map((c) => c.id).join(', ')}`);
}

/** `detailed`: who submitted and the consent flag, for the secretariat, auditors and the organisation itself. */
function submissionView(row: SubmissionRow, detailed: boolean) {
  return {
    id: row.id,
    stage: row.stage_id,
    organisation: { id: row.organisation_id, name: row.name, country: row.country, stakeholderType: row.stakeholder_type, region: row.region },
    answers: row.answers,
    submittedAt: row.submitted_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(detailed ? { consentToPublish: row.consent_to_publish, revision: row.revision, submittedBy: row.author_name } : {}),
  };
}
