/** Outbox topics written by the deadlines hook; the relay turns each into BullMQ jobs. */
export const DEADLINE_TOPICS = {
  scheduled: 'deadline.scheduled',
  rescheduled: 'deadline.rescheduled',
  cancelled: 'deadline.cancelled',
  invited: 'deadline.invited',
} as const;


export interface DeadlineScheduledPayload {
  deadlineId: string;
  contributionId: string;
  stageId: string;
  organisationId: string | null;
  generation: number;
  dueAt: string;
  reminders: Array<{ id: string; dueAt: string }>;
  /** deadline.rescheduled only: the generation whose job is now stale (null for a new own extension). */
  previousGeneration?: number | null;
  previousDueAt?: string;
  cancelledReminderIds?: string[];
}

export interface DeadlineCancelledPayload {
  deadlineId: string;
  contributionId: string;
  stageId: string;
  generation: number;
  cancelledReminderIds: string[];
}

export interface DeadlineInvitedPayload {
  contributionId: string;
  stageId: string;
  organisationIds: string[];
}
