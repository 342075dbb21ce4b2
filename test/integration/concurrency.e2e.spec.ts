import type { Actor } from '../../src/auth/actor';
import { TransitionService } from '../../src/contributions/transition.service';
import { openContribution, postEvent, send } from '../utils/api';
import { setup, TestApp, TestIdentity } from '../utils/setup';

describe('concurrent events', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;
  const participants: TestIdentity[] = [];

  beforeAll(async () => {
    t = await setup();
    secretariat = await t.token('secretariat');
    auditor = await t.token('auditor');
    for (let i = 0; i < 25; i++) participants.push(await t.token('participant', `Administration ${i + 1}`));
  });

  afterAll(async () => t.close());

  async function openRound(): Promise<string> {
    const { id } = await openContribution(t, secretariat, { workflow: 'rcc-declaration', title: 'race' });
    await send(t, secretariat, id, { type: 'SHARE_DRAFT', payload: { deadline: '2099-01-31' } });
    return id;
  }

  /** Many clients racing on one contribution: row locks keep exactly one winner per transition. */
  describe('on one contribution', () => {
    it('50 conflicting events: exactly the accepted ones are recorded, versions strictly increase, the chain verifies', async () => {
      const id = await openRound();
      const requests = Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? postEvent(t, secretariat, id, { type: 'CLOSE_ROUND', reason: `closer ${i}` })
          : postEvent(t, participants[(i - 1) / 2], id, { type: 'COMMENT', payload: { text: `comment ${i}` } }),
      );
      const responses = await Promise.all(requests);

      const statuses = responses.map((r) => r.status);
      expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
      const accepted = responses.filter((r) => r.status === 201);
      const closes = accepted.filter((r) => r.body.transition.eventType === 'CLOSE_ROUND');
      expect(closes).toHaveLength(1);
      const closeVersion = closes[0].body.contribution.version;
      // Every comment that won its lock before the round closed is in; every later one was refused.
      const acceptedComments = accepted.filter((r) => r.body.transition.eventType === 'COMMENT');
      expect(acceptedComments.every((r) => r.body.contribution.version < closeVersion)).toBe(true);
      expect(responses.filter((r) => r.status === 409).every((r) => r.body.error === 'event_not_allowed')).toBe(true);

      const versions = accepted.map((r) => r.body.contribution.version).sort((a, b) => a - b);
      expect(new Set(versions).size).toBe(accepted.length);
      expect(versions).toEqual(Array.from({ length: accepted.length }, (_, i) => 3 + i));

      const trail = await t.http().get(`/contributions/${id}/transitions`).set(auditor.auth).expect(200);
      const raced = trail.body.items.slice(2);
      expect(raced.map((r: { hash: string }) => r.hash).sort()).toEqual(accepted.map((r) => r.body.transition.hash).sort());
      expect(raced.map((r: { contributionVersion: number }) => r.contributionVersion)).toEqual(versions);

      const view = await t.http().get(`/contributions/${id}`).set(auditor.auth).expect(200);
      expect(view.body.version).toBe(2 + accepted.length);
      expect(view.body.facts.responded.proposals ?? []).toHaveLength(acceptedComments.length);
      const verification = await t.http().get('/audit/verify').query({ contributionId: id }).set(auditor.auth).expect(200);
      expect(verification.body).toEqual(expect.objectContaining({ ok: true, records: 2 + accepted.length }));
    });

    it('If-Match: of 50 writers who saw the same version, exactly one wins and nothing is lost', async () => {
      const id = await openRound();
      const seen = await t.http().get(`/contributions/${id}`).set(secretariat.auth).expect(200);
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          postEvent(t, participants[i % 25], id, { type: 'COMMENT', payload: { text: `edit ${i}` } }, { 'If-Match': seen.headers.etag }),
        ),
      );
      expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
      const losers = responses.filter((r) => r.status === 409);
      expect(losers).toHaveLength(49);
      expect(losers.every((r) => r.body.error === 'version_mismatch' && r.body.currentVersion === seen.body.version + 1)).toBe(true);
      const trail = await t.http().get(`/contributions/${id}/transitions`).set(auditor.auth).expect(200);
      expect(trail.body.items).toHaveLength(3);
    });

    it('a retried request with the same Idempotency-Key returns the first result and changes nothing', async () => {
      const id = await openRound();
      const key = 'retry-7f1c2a';
      const attempts = await Promise.all(
        Array.from({ length: 10 }, () => postEvent(t, participants[0], id, { type: 'COMMENT', payload: { text: 'once' } }, { 'Idempotency-Key': key })),
      );
      expect(attempts.every((r) => r.status === 201)).toBe(true);
      expect(new Set(attempts.map((r) => r.body.transition.hash)).size).toBe(1);
      expect(attempts.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
      const trail = await t.http().get(`/contributions/${id}/transitions`).set(auditor.auth).expect(200);
      expect(trail.body.items.filter((r: { eventType: string }) => r.eventType === 'COMMENT')).toHaveLength(1);

      const reused = await postEvent(t, participants[0], id, { type: 'COMMENT', payload: { text: 'different' } }, { 'Idempotency-Key': key });
      expect(reused.status).toBe(422);
      expect(reused.body.error).toBe('idempotency_key_reused');
    });
  });

  /** Events arriving together on different contributions share a transaction, yet each keeps its own answer. */
  describe('on many contributions', () => {
    async function openRounds(count: number): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push(await openRound());
      return ids;
    }

    it('commits events sent at the same moment in one transaction, each recorded on its own chain', async () => {
      const ids = await openRounds(12);
      const transitions = t.app.get(TransitionService);
      const actor: Actor = { personId: secretariat.personId, name: 'Secretariat', role: 'secretariat', organisationId: null, organisationName: null, tokenId: null };
      const results = await Promise.all(ids.map((id) => transitions.apply(id, { type: 'CLOSE_ROUND', reason: 'closed together' }, actor)));

      expect(results.map((result) => !result.replayed && result.outcome.kind)).toEqual(ids.map(() => 'transition'));
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS records, count(DISTINCT xmin::text)::int AS transactions FROM transition_records WHERE contribution_id = ANY($1::uuid[]) AND event_type = 'CLOSE_ROUND'`,
        [ids],
      );
      expect(rows[0]).toEqual({ records: 12, transactions: 1 });
      for (const id of ids) {
        const verification = await t.http().get('/audit/verify').query({ contributionId: id }).set(auditor.auth).expect(200);
        expect(verification.body).toEqual(expect.objectContaining({ ok: true, records: 3 }));
      }
    });

    it('answers a refused event among them with its own 409 and holds none of the others back', async () => {
      const ids = await openRounds(10);
      const responses = await Promise.all(
        ids.map((id, i) => postEvent(t, secretariat, id, i % 3 === 0 ? { type: 'DECIDE', payload: { outcome: 'endorsed' }, reason: 'too early' } : { type: 'CLOSE_ROUND', reason: 'on time' })),
      );
      responses.forEach((response, i) => {
        if (i % 3 === 0) {
          expect(response.status).toBe(409);
          expect(response.body.error).toBe('event_not_allowed');
          expect(response.body.allowedEvents.map((event: { type: string }) => event.type)).toContain('CLOSE_ROUND');
        } else {
          expect(response.status).toBe(201);
          expect(response.body.transition.eventType).toBe('CLOSE_ROUND');
        }
      });
      const trails = await Promise.all(ids.map((id) => t.http().get(`/contributions/${id}/transitions`).set(auditor.auth).expect(200)));
      expect(trails.map((trail) => trail.body.items.length)).toEqual(ids.map((_, i) => (i % 3 === 0 ? 2 : 3)));
    });
  });
});
