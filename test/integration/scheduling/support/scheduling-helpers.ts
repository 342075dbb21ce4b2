import type { TestApp, TestIdentity } from '../../../utils/setup';

/**
 * A comment round whose deadline the opening event gives, with reminders and an escalation
 * seconds before it, so every test can use deadlines a few seconds away.
 */
export const QUICK_ROUND = `
id: quick-round
name: Quick comment round
timezone: Europe/Moscow
stages:
  - id: drafting
    kind: drafting
    next: comments
  - id: comments
    kind: comment_round
    title: Comments on the draft
    deadline: { fromEvent: true }
    reminders: [PT4S, PT2S]
    escalation: { before: PT3S, belowResponseRate: 0.6 }
    next: editorial
  - id: editorial
    kind: editorial_session
    next: done
  - id: done
    kind: final
`;

export async function publishQuickRound(t: TestApp, secretariat: TestIdentity): Promise<void> {
  await t.http().post('/workflows').set(secretariat.auth).set('Content-Type', 'application/yaml').send(QUICK_ROUND).expect(201);
}

/** Polls until `check` returns a value (not undefined/false) or the time is up. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sleeps until an absolute instant (no-op if it has passed). */
export const sleepUntil = (instant: number) => sleep(Math.max(0, instant - Date.now()));

export interface RecordRow {
  seq: number;
  kind: string;
  event_type: string;
  from_stages: string[];
  to_stages: string[];
  payload: Record<string, any>;
  details: Record<string, any>;
  reason: string | null;
}

export async function records(t: TestApp, contributionId: string): Promise<RecordRow[]> {
  const { rows } = await t.db.query<RecordRow>(
    `SELECT seq, kind, event_type, from_stages, to_stages, payload, details, reason FROM transition_records WHERE contribution_id = $1 ORDER BY seq`,
    [contributionId],
  );
  return rows;
}

export const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

/** Waits until the relay has published every committed outbox row. */
export async function outboxRelayed(t: TestApp, timeoutMs = 10_000): Promise<void> {
  await waitFor(
    'the outbox relay',
    async () => (await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)).rows[0].n === 0,
    timeoutMs,
    50,
  );
}
