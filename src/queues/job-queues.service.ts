import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { JOB_CATALOGUE, JobName, JobSpec, QueueName } from './job-catalogue';

export interface JobRef {
  name: JobName;
  id: string;
}

/** The producer side: adds, removes and checks jobs by deterministic id, in batches. */
@Injectable()
export class JobQueues {
  private readonly logger = new Logger(JobQueues.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    private readonly config: AppConfig,
    @InjectQueue('deadlines') deadlines: Queue,
    @InjectQueue('reminders') reminders: Queue,
    @InjectQueue('notifications') notifications: Queue,
    @InjectQueue('webhooks') webhooks: Queue,
    @InjectQueue('audit') audit: Queue,
  ) {
    this.queues = { deadlines, reminders, notifications, webhooks, audit };
  }

  all(): Queue[] {
    return Object.values(this.queues);
  }

  queueOf(name: JobName): Queue {
    return this.queues[JOB_CATALOGUE[name].queue];
  }

  /** Adds jobs (one addBulk per queue); an id that already exists in Redis is left as it is. */
  async enqueue(specs: JobSpec[]): Promise<void> {
    if (specs.length === 0) return;
    const now = Date.now();
    await Promise.all(
      [...groupByQueue(specs)].map(([queue, group]) =>
        this.queues[queue].addBulk(
          group.map((spec) => ({
            name: spec.name,
            data: spec.data,
            opts: { ...JOB_CATALOGUE[spec.name].options(this.config), jobId: spec.id, delay: spec.runAt ? Math.max(0, spec.runAt.getTime() - now) : 0 },
          })),
        ),
      ),
    );
  }

  /**
   * Removes jobs that are no longer wanted (e.g. the previous generation of an extended deadline).
   * A job that is running cannot be removed; it then finds its row stale and skips.
   */
  async remove(refs: JobRef[]): Promise<number> {
    let removed = 0;
    for (const ref of refs) {
      try {
        removed += await this.queueOf(ref.name).remove(ref.id);
      } catch (error) {
        this.logger.debug(`job ${ref.id} not removed (${(error as Error).message}); it will skip itself`);
      }
    }
    return removed;
  }

  /** The specs whose job id is not in Redis at all (in any state), checked with one pipeline per queue. */
  async missing(specs: JobSpec[]): Promise<JobSpec[]> {
    const result: JobSpec[] = [];
    for (const [queue, group] of groupByQueue(specs)) {
      // The Redis backend's client is an ioredis instance; its pipeline sends all EXISTS in one round trip.
      const client = (await this.queues[queue].getBackend().client) as unknown as Redis;
      const pipeline = client.pipeline();
      for (const spec of group) pipeline.exists(this.queues[queue].toKey(spec.id));
      const answers = (await pipeline.exec()) ?? [];
      group.forEach((spec, index) => {
        const [error, exists] = answers[index] ?? [];
        if (error) throw error;
        if (!exists) result.push(spec);
      });
    }
    return result;
  }

  /**
   * A marker the reconciler leaves in Redis after a full pass. If it is gone, Redis lost its data
   * (FLUSHALL, a restart without persistence, a failover), and every job must be checked again.
   */
  async markReconciled(at: Date): Promise<void> {
    await (await this.client()).set(this.markerKey(), at.toISOString());
  }

  async reconciledMarkerPresent(): Promise<boolean> {
    return (await (await this.client()).exists(this.markerKey())) === 1;
  }

  private markerKey(): string {
    return `${this.config.queuePrefix}:reconciled`;
  }

  private async client(): Promise<Redis> {
    return (await this.queues.deadlines.getBackend().client) as unknown as Redis;
  }

  /** The state of one job ("delayed", "active", "completed", …) or undefined when Redis has none. */
  async state(name: JobName, id: string): Promise<string | undefined> {
    const job = await this.queueOf(name).getJob(id);
    return job ? String(await job.getState()) : undefined;
  }
}

function groupByQueue(specs: JobSpec[]): Map<QueueName, JobSpec[]> {
  const groups = new Map<QueueName, JobSpec[]>();
  for (const spec of specs) {
    const queue = JOB_CATALOGUE[spec.name].queue;
    (groups.get(queue) ?? groups.set(queue, []).get(queue)!).push(spec);
  }
  return groups;
}
