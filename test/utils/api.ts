import type { TestApp, TestIdentity } from './setup';

/** Small wrappers over the HTTP API so scenario tests read like the process they replay. */
export async function openContribution(t: TestApp, as: TestIdentity, body: Record<string, unknown>) {
  const response = await t.http().post('/contributions').set(as.auth).send(body);
  if (response.status !== 201) throw new Error(`POST /contributions → ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as { id: string; version: number; currentStages: Array<{ id: string }>; allowedEvents: Array<{ type: string }> };
}

export interface EventBody {
  type: string;
  payload?: Record<string, unknown>;
  occurredAt?: string;
  reason?: string;
}

export function postEvent(t: TestApp, as: TestIdentity, contributionId: string, body: EventBody, headers: Record<string, string> = {}) {
  return t.http().post(`/contributions/${contributionId}/events`).set(as.auth).set(headers).send(body);
}

/** Sends an event that must be accepted; fails the test with the server's answer otherwise. */
export async function send(t: TestApp, as: TestIdentity, contributionId: string, body: EventBody) {
  const response = await postEvent(t, as, contributionId, body);
  if (response.status !== 201) throw new Error(`${body.type} → ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as { contribution: { version: number; currentStages: Array<{ id: string }> }; transition: { seq: number; hash: string } };
}

export function stageIds(body: { currentStages: Array<{ id: string }> }): string[] {
  return body.currentStages.map((stage) => stage.id);
}
