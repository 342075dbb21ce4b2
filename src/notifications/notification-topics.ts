/** Outbox topics written when notices are created; the relay turns each into one delivery job. */
export const NOTIFICATION_TOPICS = {
  email: 'notification.email',
  webhook: 'webhook.delivery',
} as const;
