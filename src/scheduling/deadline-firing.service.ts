import { Injectable, Logger } from '@nestjs/common';
import { MicroBatcher } from '../common/batching/micro-batcher';
import { AppConfig } from '../config/app-config';
import { UnrecoverableError } from 'bullmq';
import { SYSTEM_ACTOR } from '../auth/actor';
import { DomainException } from '../common/errors/domain.exception';
import { ContributionExceptionCode } from '../contributions/contribution.exception';
import { TransitionRequest, TransitionResult, TransitionService } from '../contributions/transition.service';
import { deadlineEventType } from '../workflows/definition/definition.types';
import type { JobOutcome, JobPayloads } from '../queues/job-catalogue';
import { jobIds } from '../queues/job-ids.util';
import { MetricsService } from '../metrics/metrics.service';

/** A deadline applied this long after its instant is marked late even if its job was never lost. */
export const LATE_AFTER_MS = 60_000;

/**
 * Applies a passed deadline through the one transition path, as the system. The deadlines hook
 * decides: the stage's automatic target when the row is still pending at this generation,
 * otherwise a recorded no-op. The idempotency key (one per deadline and generation) makes a
 * re-run of the same job (a crashed worker, a re-created job) return the first result instead of
 * writing a second record.
 *
 * Deadlines come in bursts (a whole call closing at midnight), so concurrent firings are applied
 * in small batches, one transaction each: one commit for many transitions instead of one each.
 */
@Injectable()
export class DeadlineFiringService {
  private readonly logger = new Logger(DeadlineFiringService.name);
  private readonly batcher: MicroBatcher<TransitionRequest, TransitionResult>;

  constructor(
    private readonly transitions: TransitionService,
    config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.batcher = new MicroBatcher({
      run: (requests) => this.transitions.applyBatch(requests),
      maxItems: config.deadlineBatchSize,
      maxWaitMs: config.deadlineBatchWaitMs,
      // Each batch holds one connection; leave most of the pool to everything else.
      maxInFlight: Math.max(1, Math.floor(config.dbPoolSize / 4)),
    });
  }

  async fire(data: JobPayloads['deadline.fire']): Promise<JobOutcome> {
    const lateByMs = Date.now() - Date.parse(data.dueAt);
    const late = data.late === true || lateByMs > LATE_AFTER_MS;
    try {
      const result = await this.batcher.submit({
        contributionId: data.contributionId,
        command: { type: deadlineEventType(data.stageId), payload: { deadlineId: data.deadlineId, generation: data.generation, late } },
        actor: SYSTEM_ACTOR,
        options: { noopIfNotAccepted: true, idempotencyKey: jobIds.deadline(data.deadlineId, data.generation) },
      });
      if (result.replayed) {
        this.metrics.deadlineFired('skipped');
        return { status: 'skipped', detail: 'already recorded by an earlier run of this job' };
      }
      const { outcome } = result;
      // The batch has committed when its promise resolves: lateness runs from the due instant to now.
      this.metrics.deadlineFired(outcome.kind === 'noop' ? 'noop' : 'transition', data.dueAt);
      const where = `stage "${data.stageId}" of contribution ${data.contributionId}`;
      if (outcome.kind === 'noop') {
        this.logger.log(`deadline of ${where} recorded as a no-op: ${String(outcome.record.details.noop)}`);
      } else {
        this.logger.log(
          `deadline of ${where} passed${late ? ' (late)' : ''}: ${outcome.record.fromStages.join(', ')} → ${outcome.record.toStages.join(', ')} (record #${outcome.record.seq})`,
        );
      }
      return { status: 'done', kind: outcome.kind, seq: outcome.record.seq, lateByMs };
    } catch (error) {
      if (error instanceof DomainException && error.code === ContributionExceptionCode.NOT_FOUND) {
        this.metrics.deadlineFired('skipped');
        return { status: 'skipped', detail: 'contribution gone' };
      }
      // The late flag may differ between two runs of one job (a re-created job is late): same job, already recorded.
      if (error instanceof DomainException && error.code === ContributionExceptionCode.IDEMPOTENCY_KEY_REUSED) {
        this.metrics.deadlineFired('skipped');
        return { status: 'skipped', detail: 'already recorded by an earlier run of this job' };
      }
      this.metrics.deadlineFired('failed');
      // Another domain refused the engine's event: retrying cannot change that; fail once, loudly.
      if (error instanceof DomainException) throw new UnrecoverableError(`${deadlineEventType(data.stageId)} refused: ${error.message}`);
      throw error;
    }
  }
}
