import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { JOB_CATALOGUE, JobOutcome } from '../../queues/job-catalogue';
import { JobQueues } from '../../queues/job-queues.service';
import { JobRegistry } from '../../queues/job-registry.service';
import { CheckpointsService } from './checkpoints.service';

/** One scheduler id for every process: upserting it again changes nothing, so it runs once per interval cluster-wide. */
export const CHECKPOINT_SCHEDULER_ID = 'audit-checkpoint';

/**
 * The periodic checkpoint: a BullMQ job scheduler (set up by worker processes) repeats
 * `audit.checkpoint`, whose handler asks the service to sign, unless nothing was recorded since.
 */
@Injectable()
export class CheckpointJob implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(CheckpointJob.name);

  constructor(
    private readonly registry: JobRegistry,
    private readonly queues: JobQueues,
    private readonly checkpoints: CheckpointsService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register('audit.checkpoint', () => this.run());
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorker) return;
    const queue = this.queues.queueOf('audit.checkpoint');
    if (this.config.checkpointIntervalMs === 0) {
      await queue.removeJobScheduler(CHECKPOINT_SCHEDULER_ID);
      return;
    }
    const { attempts, backoff, removeOnComplete, removeOnFail } = JOB_CATALOGUE['audit.checkpoint'].options(this.config);
    await queue.upsertJobScheduler(
      CHECKPOINT_SCHEDULER_ID,
      { every: this.config.checkpointIntervalMs },
      { name: 'audit.checkpoint', data: {}, opts: { attempts, backoff, removeOnComplete, removeOnFail } },
    );
    this.logger.log(`audit checkpoints signed every ${this.config.checkpointIntervalMs} ms when something was recorded`);
  }

  async run(): Promise<JobOutcome> {
    const checkpoint = await this.checkpoints.create('schedule', { onlyIfChanged: true });
    return checkpoint ? { status: 'done', sequence: checkpoint.sequence } : { status: 'skipped', detail: 'nothing recorded since the last checkpoint' };
  }
}
