import type { Job } from 'bullmq';

/** True while running the last attempt BullMQ will make: a failure now is final and can be recorded as such. */
export function isFinalAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
