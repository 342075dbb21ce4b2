import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { hostname } from 'node:os';
import { AppConfig } from '../config/app-config';
import { JOB_CATALOGUE, JOB_NAMES, JobName, JobOutcome, JobPayloads, QUEUE_NAMES, QueueName } from './job-catalogue';

export type JobHandler<N extends JobName = JobName> = (data: JobPayloads[N], job: Job<JobPayloads[N]>) => Promise<JobOutcome>;

/**
 * Each job name gets exactly one handler, registered by its module at start-up (onModuleInit).
 * A second handler for a name, or a name left without one, stops the process before any job
 * runs. Workers (one per queue) start only in processes whose ROLE runs workers.
 */
@Injectable()
export class JobRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRegistry.name);
  private readonly handlers = new Map<JobName, JobHandler>();
  private readonly workers: Worker[] = [];
  /** How other processes see this one in BullMQ (job.processedBy). */
  readonly workerName = `${hostname()}-${process.pid}`;

  constructor(private readonly config: AppConfig) {}

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (!(name in JOB_CATALOGUE)) throw new Error(`job "${name}" is not in the job catalogue (src/queues/job-catalogue.ts)`);
    if (this.handlers.has(name)) throw new Error(`job "${name}" has two handlers; register it once`);
    this.handlers.set(name, handler as unknown as JobHandler);
  }

  onApplicationBootstrap(): void {
    const missing = JOB_NAMES.filter((name) => !this.handlers.has(name));
    if (missing.length > 0) {
      throw new Error(`no handler registered for job ${missing.map((name) => `"${name}"`).join(', ')}; every job in the catalogue needs one`);
    }
    if (!this.config.runsWorker) return;
    for (const queue of QUEUE_NAMES) this.workers.push(this.startWorker(queue));
    this.logger.log(`workers started on queues ${QUEUE_NAMES.join(', ')} as ${this.workerName} (prefix ${this.config.queuePrefix})`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.workers.length = 0;
  }

  private dispatch(job: Job): Promise<JobOutcome> {
    const handler = this.handlers.get(job.name as JobName);
    // Only reachable if another build added jobs this one does not know: fail the job, not the worker.
    if (!handler) throw new UnrecoverableError(`no handler for job "${job.name}" in this build`);
    return handler(job.data, job);
  }

  private startWorker(queue: QueueName): Worker {
    const worker = new Worker(queue, (job: Job) => this.dispatch(job), {
      connection: { url: this.config.redisUrl, maxRetriesPerRequest: null },
      prefix: this.config.queuePrefix,
      name: this.workerName,
      concurrency: queue === 'deadlines' ? this.config.deadlineConcurrency : this.config.workerConcurrency,
      // A worker that dies mid-job loses its lock after lockDuration; another worker then re-runs the job.
      lockDuration: this.config.jobLockMs,
      stalledInterval: this.config.jobLockMs,
      maxStalledCount: 5,
    });
    worker.on('failed', (job, error) => {
      const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
      this.logger[final ? 'error' : 'warn'](`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}${final ? ', giving up' : ''}): ${error.message}`);
    });
    worker.on('error', (error) => this.logger.error(`worker for queue ${queue}: ${error.message}`));
    return worker;
  }
}
