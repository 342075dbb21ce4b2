import type { JobsOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config';

/** Every queue the engine uses; each job name below lives on exactly one of them. */
export const QUEUE_NAMES = ['deadlines', 'reminders', 'notifications', 'webhooks', 'audit'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** What each job carries: ids into Postgres (the source of truth), never the state itself. */
export interface JobPayloads {
  'deadline.fire': { deadlineId: string; generation: number; contributionId: string; stageId: string; dueAt: string; late?: boolean };
  'reminder.send': { reminderId: string; dueAt: string };
  'notice.send': { outboxId: string; topic: string; payload: Record<string, unknown> };
  'email.send': { notificationId: string };
  'webhook.deliver': { deliveryId: string };
  /** Repeated by a BullMQ job scheduler (CHECKPOINT_INTERVAL_MS); carries nothing. */
  'audit.checkpoint': Record<string, never>;
}
export type JobName = keyof JobPayloads;

export interface JobDescription {
  queue: QueueName;
  summary: string;
  options: (config: AppConfig) => JobsOptions;
}

const KEEP = { removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } };

/**
 * The job registry's source of truth: every name here must have exactly one handler at start-up.
 * Retries are for transient failures (Postgres or Redis briefly away); handlers are idempotent,
 * so a retry or a re-created job never does the work twice.
 */
export const JOB_CATALOGUE: Record<JobName, JobDescription> = {
  'deadline.fire': {
    queue: 'deadlines',
    summary: 'apply DEADLINE.<stage> through the transition path (a recorded no-op when stale)',
    options: () => ({ ...KEEP, attempts: 10, backoff: { type: 'exponential', delay: 1000 } }),
  },
  'reminder.send': {
    queue: 'reminders',
    summary: 'remind invited organisations that have not acted, or escalate to the secretariat',
    options: () => ({ ...KEEP, attempts: 10, backoff: { type: 'exponential', delay: 1000 } }),
  },
  'notice.send': {
    queue: 'notifications',
    summary: 'tell the people concerned about an extension or an invitation',
    options: () => ({ ...KEEP, attempts: 10, backoff: { type: 'exponential', delay: 1000 } }),
  },
  'email.send': {
    queue: 'notifications',
    summary: 'send one notification by e-mail over SMTP',
    options: () => ({ ...KEEP, attempts: 6, backoff: { type: 'exponential', delay: 5000 } }),
  },
  'webhook.deliver': {
    queue: 'webhooks',
    summary: 'POST one signed delivery to an organisation webhook',
    options: (config) => ({ ...KEEP, attempts: config.webhookAttempts, backoff: { type: 'exponential', delay: config.webhookBackoffMs } }),
  },
  'audit.checkpoint': {
    queue: 'audit',
    summary: 'sign a checkpoint of every audit chain head (skipped when nothing was recorded since the last one)',
    options: () => ({ removeOnComplete: { count: 100 }, removeOnFail: { age: 7 * 24 * 3600 }, attempts: 3, backoff: { type: 'exponential', delay: 5000 } }),
  },
};

export const JOB_NAMES = Object.keys(JOB_CATALOGUE) as JobName[];

/** A job to put in Redis: deterministic id, and when it should run (absent: now). */
export interface JobSpec<N extends JobName = JobName> {
  name: N;
  id: string;
  data: JobPayloads[N];
  runAt?: Date;
}

/** What a handler reports; "skipped" means what it acts on is gone or already done. */
export type JobOutcome = { status: 'done' | 'skipped'; detail?: string; [key: string]: unknown };
