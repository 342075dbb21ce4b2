/**
 * Deterministic BullMQ job ids: the same work always gets the same id, so publishing twice
 * (two relays, a crash between publish and mark, the reconciler) adds the job once while it exists.
 * BullMQ refuses ids containing ":" and ids made only of digits; every id here has a word prefix.
 */
export const jobIds = {
  deadline: (deadlineId: string, generation: number) => checked(`deadline-${deadlineId}-g${generation}`),
  reminder: (reminderId: string) => checked(`reminder-${reminderId}`),
  notice: (outboxId: string | number) => checked(`notice-${outboxId}`),
  email: (notificationId: string) => checked(`email-${notificationId}`),
  webhook: (deliveryId: string) => checked(`webhook-${deliveryId}`),
};

export function isValidJobId(id: string): boolean {
  return id.length > 0 && id.length <= 200 && !id.includes(':') && !/^\d+$/.test(id);
}

function checked(id: string): string {
  if (!isValidJobId(id)) throw new Error(`invalid job id ${JSON.stringify(id)}: no ":" and not only digits`);
  return id;
}
