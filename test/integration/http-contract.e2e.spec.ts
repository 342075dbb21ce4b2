import { openContribution, postEvent, send } from '../utils/api';
import { setup, TestApp, TestIdentity } from '../utils/setup';

const valid = `
id: small-round
name: Small comment round
timezone: Europe/Zurich
stages:
  - id: drafting
    kind: drafting
    next: comments
  - id: comments
    kind: comment_round
    deadline: { after: P14D }
    reminders: [P2D]
    next: done
  - id: done
    kind: final
`;

describe('HTTP contract', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let participant: TestIdentity;
  let auditor: TestIdentity;

  beforeAll(async () => {
    t = await setup();
    secretariat = await t.token('secretariat');
    participant = await t.token('participant', 'Kyrgyz Administration');
    auditor = await t.token('auditor');
  });

  afterAll(async () => t.close());

  const publish = (body: string, type = 'application/yaml', as = secretariat) => t.http().post('/workflows').set(as.auth).set('Content-Type', type).send(body);

  describe('POST /workflows', () => {
    it('publishes YAML as version 1, recognises identical content, and makes new content version 2', async () => {
      const first = await publish(valid).expect(201);
      expect(first.body).toEqual(expect.objectContaining({ key: 'small-round', version: 1, created: true }));
      const again = await publish(valid).expect(200);
      expect(again.body).toEqual(expect.objectContaining({ id: first.body.id, version: 1, created: false }));
      const changed = await publish(valid.replace('P14D', 'P21D')).expect(201);
      expect(changed.body.version).toBe(2);
      const listed = await t.http().get('/workflows').set(auditor.auth).expect(200);
      expect(listed.body.items.find((w: { key: string }) => w.key === 'small-round')).toEqual(expect.objectContaining({ version: 2, versions: 2 }));
      const older = await t.http().get('/workflows/small-round').query({ version: 1 }).set(auditor.auth).expect(200);
      expect(older.body.stages[1].deadline).toEqual(expect.objectContaining({ after: 'P14D' }));
    });

    it('accepts a JSON definition', async () => {
      const response = await t.http().post('/workflows').set(secretariat.auth).send({ id: 'json-flow', name: 'JSON', stages: [{ id: 'a', on: { GO: 'b' } }, { id: 'b', kind: 'final' }] }).expect(201);
      expect(response.body.format).toBe('json');
    });

    it.each([
      ['an unknown target', valid.replace('next: done', 'next: dnoe'), 'stages[1].next', 'unknown stage "dnoe"; did you mean "done"?'],
      ['an unreachable stage', `${valid}  - id: orphan\n    kind: final\n`, 'stages[3]', 'unreachable'],
      ['a deadline with no target', valid.replace('kind: drafting\n    next: comments', 'kind: drafting\n    deadline: { after: P1D }\n    next: comments'), 'stages[0].onDeadline', 'a deadline needs a target'],
      ['duplicate ids', valid.replace('  - id: done\n', '  - id: drafting\n    kind: final\n  - id: done\n'), 'stages[2].id', 'duplicate id "drafting"'],
      ['malformed YAML', 'id: broken\nstages: [\n', 'line 3', 'malformed YAML'],
      ['an unknown field', valid.replace('name: Small comment round', 'name: Small comment round\nowner: me'), 'owner', 'unknown field "owner"'],
    ])('answers 400 with a path for %s, and stores nothing', async (_, body, path, message) => {
      const before = await t.db.query('SELECT count(*)::int AS n FROM workflow_definitions');
      const response = await publish(body).expect(400);
      expect(response.body.error).toBe('invalid_definition');
      expect(response.body.errors).toContainEqual(expect.objectContaining({ path, message: expect.stringContaining(message) }));
      const after = await t.db.query('SELECT count(*)::int AS n FROM workflow_definitions');
      expect(after.rows[0].n).toBe(before.rows[0].n);
    });

    it('answers 400 with a path for a cycle with no exit', async () => {
      const cycle = `
id: cycle
name: Cycle
stages:
  - id: start
    on: { GO: a, STOP: end }
  - id: a
    on: { NEXT: b }
  - id: b
    on: { BACK: a }
  - id: end
    kind: final
`;
      const response = await publish(cycle).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'stages[1]', message: expect.stringContaining('cycle with no exit') })]);
    });

    it('refuses malformed JSON and an unsupported body', async () => {
      const json = await t.http().post('/workflows').set(secretariat.auth).set('Content-Type', 'application/json').send('{"id": ').expect(400);
      expect(json.body.error).toBe('malformed_body');
      const xml = await t.http().post('/workflows').set(secretariat.auth).set('Content-Type', 'application/xml').send('<workflow/>').expect(415);
      expect(xml.body.message).toContain('application/yaml');
    });

    it('is for secretariats only', async () => {
      expect((await publish(valid, 'application/yaml', participant)).status).toBe(403);
      expect((await publish(valid, 'application/yaml', auditor)).status).toBe(403);
      expect((await t.http().post('/workflows').set('Content-Type', 'application/yaml').send(valid)).status).toBe(401);
    });

    it('serves a Mermaid diagram', async () => {
      const response = await t.http().get('/workflows/rcc-declaration/diagram').set(auditor.auth).expect(200);
      expect(response.headers['content-type']).toContain('text/vnd.mermaid');
      expect(response.text).toContain('state after_board {');
    });
  });

  describe('contributions and events', () => {
    let contributionId: string;

    beforeAll(async () => {
      ({ id: contributionId } = await openContribution(t, secretariat, { workflow: 'small-round', workflowVersion: 1, title: 'Pinned to v1', symbol: 'C23/85-E' }));
    });

    it('pins the definition version a contribution started on', async () => {
      const pinned = await t.http().get(`/contributions/${contributionId}`).set(auditor.auth).expect(200);
      expect(pinned.body.workflow).toEqual(expect.objectContaining({ key: 'small-round', version: 1 }));
      const latest = await openContribution(t, secretariat, { workflow: 'small-round', title: 'On the latest' });
      const view = await t.http().get(`/contributions/${latest.id}`).set(auditor.auth).expect(200);
      expect(view.body.workflow.version).toBe(2);
    });

    it('exposes the deadline and reminders of the stage it enters, in the stage zone', async () => {
      const response = await send(t, secretariat, contributionId, { type: 'SHARE_DRAFT' });
      expect(response.contribution.currentStages.map((s) => s.id)).toEqual(['comments']);
      const view = await t.http().get(`/contributions/${contributionId}`).set(participant.auth).expect(200);
      const [deadline] = view.body.deadlines;
      expect(deadline).toEqual(expect.objectContaining({ stage: 'comments', status: 'pending', timeZone: 'Europe/Zurich', generation: 1 }));
      const dueIn = Date.parse(deadline.dueAt) - Date.now();
      expect(dueIn).toBeGreaterThan(13.9 * 86_400_000);
      expect(dueIn).toBeLessThan(14.1 * 86_400_000);
      expect(deadline.reminders).toEqual([{ before: 'P2D', at: new Date(Date.parse(deadline.dueAt) - 2 * 86_400_000).toISOString() }]);
      expect(view.headers.etag).toBe(`"${view.body.version}"`);
    });

    it('answers 409 with the events allowed now, and changes nothing', async () => {
      const response = await postEvent(t, secretariat, contributionId, { type: 'SHARE_DRAFT' }).expect(409);
      expect(response.body).toEqual(expect.objectContaining({ error: 'event_not_allowed', currentStages: ['comments'] }));
      expect(response.body.allowedEvents.map((e: { type: string }) => e.type)).toEqual(['INVITE', 'COMMENT', 'NO_COMMENT', 'EDIT_COMMENT', 'WITHDRAW_COMMENT', 'CLOSE_ROUND', 'EXTEND_DEADLINE']);
      const unknown = await postEvent(t, secretariat, contributionId, { type: 'LAUNCH_ROCKET' }).expect(409);
      expect(unknown.body.message).toContain('not an event of workflow small-round');
    });

    it('answers 403 to a participant sending a secretariat event, and to an auditor writing at all', async () => {
      const participantClose = await postEvent(t, participant, contributionId, { type: 'CLOSE_ROUND' }).expect(403);
      expect(participantClose.body).toEqual(expect.objectContaining({ error: 'forbidden_role', allowedRoles: ['secretariat'] }));
      await postEvent(t, auditor, contributionId, { type: 'COMMENT', payload: { text: 'x' } }).expect(403);
      await postEvent(t, secretariat, contributionId, { type: 'DEADLINE.comments' }).expect(403);
      await t.http().post('/contributions').set(participant.auth).send({ workflow: 'small-round', title: 'x' }).expect(403);
    });

    it('answers 401 without a token or with an unknown one', async () => {
      await t.http().get(`/contributions/${contributionId}`).expect(401);
      const response = await t.http().get(`/contributions/${contributionId}`).set('Authorization', 'Bearer ce_not-a-real-token-at-all').expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
    });

    it('lets a participant act only for its own organisation', async () => {
      const other = await t.token('participant', 'Another Administration');
      const response = await postEvent(t, participant, contributionId, { type: 'COMMENT', payload: { text: 'x', organisationId: other.organisationId } }).expect(403);
      expect(response.body.error).toBe('wrong_organisation');
    });

    it('lets a secretariat back-date, nobody post-date, and a participant neither', async () => {
      const future = new Date(Date.now() + 3_600_000).toISOString();
      const ahead = await postEvent(t, secretariat, contributionId, { type: 'COMMENT', occurredAt: future, payload: { text: 'x' } }).expect(400);
      expect(ahead.body.errors).toEqual([expect.objectContaining({ path: 'occurredAt', message: expect.stringContaining('must not be in the future') })]);
      await postEvent(t, participant, contributionId, { type: 'COMMENT', occurredAt: '2025-01-10T10:00:00Z', payload: { text: 'x' } }).expect(403);
      const backdated = await send(t, secretariat, contributionId, { type: 'NO_COMMENT', occurredAt: '2025-01-10T10:00:00Z', payload: { organisationId: participant.organisationId } });
      expect(backdated.transition.seq).toBeGreaterThan(2);
    });

    it.each([
      ['an unknown field', { type: 'COMMENT', colour: 'red' }, 'colour', 'unknown field "colour"'],
      ['a lower-case event name', { type: 'comment' }, 'type', 'UPPER_SNAKE_CASE'],
      ['a payload that is not an object', { type: 'COMMENT', payload: 'text' }, 'payload', 'JSON object'],
      ['a zone-less occurredAt', { type: 'COMMENT', occurredAt: '2025-01-10T10:00' }, 'occurredAt', 'with an offset'],
      ['a NUL character', { type: 'COMMENT', payload: { text: 'a\u0000b' } }, 'payload.text', 'NUL'],
      ['a payload nested too deep', { type: 'COMMENT', payload: JSON.parse('{"a":'.repeat(20) + '1' + '}'.repeat(20)) }, 'payload', 'nested deeper'],
    ])('answers 400 naming the field for %s, and changes nothing', async (_, body, path, message) => {
      const before = await t.http().get(`/contributions/${contributionId}`).set(secretariat.auth);
      const response = await t.http().post(`/contributions/${contributionId}/events`).set(secretariat.auth).send(body).expect(400);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ path: expect.stringContaining(path), message: expect.stringContaining(message) }));
      const after = await t.http().get(`/contributions/${contributionId}`).set(secretariat.auth);
      expect(after.body.version).toBe(before.body.version);
    });

    it('answers 400 for a bad id, If-Match or Idempotency-Key, and 404 for a missing contribution', async () => {
      await t.http().get('/contributions/not-a-uuid').set(secretariat.auth).expect(400);
      await t.http().get('/contributions/00000000-0000-4000-8000-000000000000').set(secretariat.auth).expect(404);
      await postEvent(t, secretariat, contributionId, { type: 'COMMENT' }, { 'If-Match': 'yesterday' }).expect(400);
      await postEvent(t, secretariat, contributionId, { type: 'COMMENT' }, { 'Idempotency-Key': 'x'.repeat(300) }).expect(400);
      await t.http().post('/contributions').set(secretariat.auth).send({ workflow: 'no-such-flow', title: 'x' }).expect(404);
      const duplicate = await t.http().post('/contributions').set(secretariat.auth).send({ workflow: 'small-round', title: 'x', symbol: 'C23/85-E' }).expect(409);
      expect(duplicate.body.error).toBe('symbol_taken');
    });
  });

  it('serves the OpenAPI page and document, and a health check', async () => {
    const page = await t.http().get('/docs').redirects(1).expect(200);
    expect(page.text).toContain('swagger');
    const document = await t.http().get('/docs/openapi.json').expect(200);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/contributions/{id}/events', '/workflows', '/audit/verify', '/health']));
    const health = await t.http().get('/health').expect(200);
    expect(health.body.status).toBe('ok');
  });
});
