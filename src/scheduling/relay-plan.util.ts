import { NOTIFICATION_TOPICS } from '../notifications/notification-topics';
import { JobSpec } from '../queues/job-catalogue';
import { jobIds } from '../queues/job-ids.util';
import type { JobRef } from '../queues/job-queues.service';
import { DEADLINE_TOPICS, DeadlineCancelledPayload, DeadlineScheduledPayload } from './outbox-topics';

export interface OutboxRow {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
}

export interface RelayPlan {
  add: JobSpec[];
  remove: JobRef[];
  /** Topics nobody schedules anything for (marked published all the same, and logged). */
  unknown: string[];
}

/**
 * What a batch of outbox rows means in BullMQ. Pure: ids are derived from the rows, so relaying
 * the same rows twice plans the same jobs. A cancelled deadline keeps its job (when it fires it
 * records a no-op that shows auditors the stage was closed before its deadline); an extended one
 * loses the previous generation's job, and both lose the reminders that will not be sent.
 */
export function planRelay(rows: OutboxRow[]): RelayPlan {
  const plan: RelayPlan = { add: [], remove: [], unknown: [] };
  for (const row of rows) {
    switch (row.topic) {
      case DEADLINE_TOPICS.scheduled:
      case DEADLINE_TOPICS.rescheduled: {
        const payload = row.payload as unknown as DeadlineScheduledPayload;
        plan.add.push({
          name: 'deadline.fire',
          id: jobIds.deadline(payload.deadlineId, payload.generation),
          data: { deadlineId: payload.deadlineId, generation: payload.generation, contributionId: payload.contributionId, stageId: payload.stageId, dueAt: payload.dueAt },
          runAt: new Date(payload.dueAt),
        });
        for (const reminder of payload.reminders ?? []) {
          plan.add.push({ name: 'reminder.send', id: jobIds.reminder(reminder.id), data: { reminderId: reminder.id, dueAt: reminder.dueAt }, runAt: new Date(reminder.dueAt) });
        }
        if (row.topic === DEADLINE_TOPICS.rescheduled) {
          if (payload.previousGeneration) plan.remove.push({ name: 'deadline.fire', id: jobIds.deadline(payload.deadlineId, payload.previousGeneration) });
          for (const id of payload.cancelledReminderIds ?? []) plan.remove.push({ name: 'reminder.send', id: jobIds.reminder(id) });
          plan.add.push({ name: 'notice.send', id: jobIds.notice(row.id), data: { outboxId: row.id, topic: row.topic, payload: row.payload } });
        }
        break;
      }
      case DEADLINE_TOPICS.cancelled: {
        const payload = row.payload as unknown as DeadlineCancelledPayload;
        for (const id of payload.cancelledReminderIds ?? []) plan.remove.push({ name: 'reminder.send', id: jobIds.reminder(id) });
        break;
      }
      case DEADLINE_TOPICS.invited:
        plan.add.push({ name: 'notice.send', id: jobIds.notice(row.id), data: { outboxId: row.id, topic: row.topic, payload: row.payload } });
        break;
      case NOTIFICATION_TOPICS.email:
        plan.add.push({ name: 'email.send', id: jobIds.email(String(row.payload.notificationId)), data: { notificationId: String(row.payload.notificationId) } });
        break;
      case NOTIFICATION_TOPICS.webhook:
        plan.add.push({ name: 'webhook.deliver', id: jobIds.webhook(String(row.payload.deliveryId)), data: { deliveryId: String(row.payload.deliveryId) } });
        break;
      default:
        if (!plan.unknown.includes(row.topic)) plan.unknown.push(row.topic);
    }
  }
  return plan;
}
