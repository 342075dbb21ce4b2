import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotifierService } from '../notifications/notifier.service';
import type { JobOutcome, JobPayloads } from '../queues/job-catalogue';
import { WorkflowsService } from '../workflows/workflows.service';
import type { PersistedEngineSnapshot } from '../workflows/definition/engine-machine.types';
import { DEADLINE_TOPICS, DeadlineInvitedPayload, DeadlineScheduledPayload } from './outbox-topics';
import { stageFacts } from './reminder-recipients.util';

interface DeadlineRow {
  id: string;
  stage_id: string;
  organisation_id: string | null;
  due_at: Date;
  time_zone: string;
  generation: number;
  status: string;
  contribution_id: string;
  title: string;
  symbol: string | null;
  definition_id: string;
  snapshot: PersistedEngineSnapshot;
}

/**
 * Tells participants about their deadline outside the reminder schedule: when their
 * organisation is invited to a stage with a deadline, and when that deadline is extended
 * (everyone invited for a general extension, the one organisation for its own).
 */
@Injectable()
export class DeadlineNoticesService {
  private readonly logger = new Logger(DeadlineNoticesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: NotifierService,
    private readonly workflows: WorkflowsService,
  ) {}

  send(job: JobPayloads['notice.send']): Promise<JobOutcome> {
    if (job.topic === DEADLINE_TOPICS.rescheduled) return this.extension(job.payload as unknown as DeadlineScheduledPayload);
    if (job.topic === DEADLINE_TOPICS.invited) return this.invitation(job.payload as unknown as DeadlineInvitedPayload);
    return Promise.resolve({ status: 'skipped', detail: `no notice for topic ${job.topic}` });
  }

  private extension(payload: DeadlineScheduledPayload): Promise<JobOutcome> {
    return this.dataSource.transaction(async (em) => {
      const deadline = await this.deadline(em, `d.id = $1`, [payload.deadlineId]);
      if (!deadline || deadline.status !== 'pending') return { status: 'skipped', detail: 'the deadline is no longer pending' };
      // A later extension has its own notice with the newer date.
      if (deadline.generation !== payload.generation) return { status: 'skipped', detail: `superseded by generation ${deadline.generation}` };
      const [record]: Array<{ reason: string | null }> = await em.query(
        `SELECT reason FROM transition_records WHERE contribution_id = $1 AND event_type = 'EXTEND_DEADLINE'
            AND details->'extension'->>'deadlineId' = $2 AND (details->'extension'->>'generation')::int = $3 ORDER BY seq DESC LIMIT 1`,
        [deadline.contribution_id, deadline.id, deadline.generation],
      );
      const organisations = deadline.organisation_id ? [deadline.organisation_id] : stageFacts(deadline.snapshot?.context, deadline.stage_id).invited;
      const forOrganisation = deadline.organisation_id ? (await this.notifier.organisationNames(em, [deadline.organisation_id])).get(deadline.organisation_id) : null;
      const delivery = await this.notifier.notifyOrganisations(
        em,
        {
          notice: {
            ...(await this.base(deadline)),
            kind: 'deadline_extended',
            previousDueAt: payload.previousDueAt ? new Date(payload.previousDueAt) : undefined,
            reason: record?.reason ?? null,
            forOrganisation,
          },
          key: `extension:${deadline.id}:g${deadline.generation}`,
          deadlineId: deadline.id,
          data: {
            deadline: { id: deadline.id, generation: deadline.generation, dueAt: deadline.due_at.toISOString(), timeZone: deadline.time_zone },
            extension: { previousDueAt: payload.previousDueAt ?? null, reason: record?.reason ?? null, organisationId: deadline.organisation_id },
          },
        },
        organisations,
      );
      this.logger.log(
        `new deadline ${deadline.due_at.toISOString()} for "${deadline.stage_id}" of «${deadline.title}» announced to ${organisations.length} organisation(s): ${delivery.people} inbox, ${delivery.emails} e-mail, ${delivery.webhooks} webhook notice(s)`,
      );
      return { status: 'done', organisations, ...delivery };
    });
  }

  private invitation(payload: DeadlineInvitedPayload): Promise<JobOutcome> {
    return this.dataSource.transaction(async (em) => {
      const deadline = await this.deadline(em, `d.contribution_id = $1 AND d.stage_id = $2 AND d.organisation_id IS NULL AND d.status = 'pending'`, [
        payload.contributionId,
        payload.stageId,
      ]);
      if (!deadline) return { status: 'skipped', detail: 'the stage has no pending deadline' };
      // An invitation recorded after the fact (a back-dated replay of history) announces nothing.
      if (deadline.due_at.getTime() <= Date.now()) return { status: 'skipped', detail: 'the deadline has already passed' };
      const delivery = await this.notifier.notifyOrganisations(
        em,
        {
          notice: { ...(await this.base(deadline)), kind: 'invitation' },
          key: `invitation:${deadline.id}`,
          deadlineId: deadline.id,
          data: { deadline: { id: deadline.id, generation: deadline.generation, dueAt: deadline.due_at.toISOString(), timeZone: deadline.time_zone } },
        },
        payload.organisationIds,
      );
      return { status: 'done', organisations: payload.organisationIds, ...delivery };
    });
  }

  private async deadline(em: EntityManager, where: string, parameters: unknown[]): Promise<DeadlineRow | undefined> {
    const [row]: DeadlineRow[] = await em.query(
      `SELECT d.id, d.stage_id, d.organisation_id, d.due_at, d.time_zone, d.generation, d.status,
              c.id AS contribution_id, c.title, c.symbol, c.definition_id, c.snapshot
         FROM deadlines d JOIN contributions c ON c.id = d.contribution_id WHERE ${where} LIMIT 1`,
      parameters,
    );
    return row;
  }

  private async base(deadline: DeadlineRow) {
    const workflow = await this.workflows.compiledById(deadline.definition_id);
    return {
      contribution: { id: deadline.contribution_id, title: deadline.title, symbol: deadline.symbol },
      stage: { id: deadline.stage_id, title: workflow.stage(deadline.stage_id)?.title ?? deadline.stage_id },
      dueAt: deadline.due_at,
      deadlineTimeZone: deadline.time_zone,
    };
  }
}
