import { setup, TestApp, TestIdentity } from '../../utils/setup';
import { openContribution } from '../../utils/api';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete' | 'put';
  path: string;
}

/** Values a client might put where an id goes: wrong shape, unknown, hostile. */
const PATH_VALUES = ['x', '00000000-0000-0000-0000-000000000000', '1', `${'a'.repeat(3000)}`, '%00', '..%2F..%2Fetc', '-1', '1e999'];
/** Bodies of every wrong kind. */
const BODIES: unknown[] = [{}, [], 'null', '"text"', '42', '{"unterminated":', { type: 123, payload: 'x' }, { unknown: true }, { a: { b: { c: { d: [1, { e: null }] } } } }, { title: 'x'.repeat(100_000) }];
const QUERIES = ['', '?limit=-1&offset=abc', '?limit=999999', '?from=yesterday&to=2025-13-45', '?format=exe', '?contributionId=x&after=zzz', '?stage=%00'];

/**
 * Walks every route in the OpenAPI document with malformed ids, queries and bodies, as each role:
 * whatever a client sends, the answer is a 4xx with a message, never a 500.
 */
describe('no request a client can send yields a 500', () => {
  let t: TestApp;
  let identities: TestIdentity[];
  let operations: Operation[];
  let contributionId: string;

  beforeAll(async () => {
    t = await setup();
    const secretariat = await t.token('secretariat');
    identities = [secretariat, await t.token('participant', 'Administration of Fuzzland'), await t.token('auditor')];
    ({ id: contributionId } = await openContribution(t, secretariat, { workflow: 'rcc-declaration', title: 'fuzzed' }));
    const document = (await t.http().get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((method): method is Operation['method'] => ['get', 'post', 'patch', 'delete', 'put'].includes(method))
        .map((method) => ({ method, path })),
    );
  });

  afterAll(async () => t.close());

  /** Every parameter set to `value`, or (keepId) the contribution's own id and the other parameters set to `value`. */
  const concrete = (path: string, value: string, keepId = true) => (keepId ? path.replace(/\{id\}/g, contributionId) : path).replace(/\{[^}]+\}/g, value);

  it('answers malformed path values and queries with a 4xx on every route', async () => {
    expect(operations.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const operation of operations) {
      // Each odd value in every parameter, then beside a real contribution; each odd query on that contribution.
      const urls = [
        ...PATH_VALUES.map((value) => concrete(operation.path, value, false)),
        ...(operation.path.includes('{id}') ? PATH_VALUES.map((value) => concrete(operation.path, value)) : []),
        ...QUERIES.map((query) => `${concrete(operation.path, 'x')}${query}`),
      ];
      for (const url of urls) {
        for (const who of identities) {
          const response = await t.http()[operation.method](url).set(who.auth);
          if (response.status >= 500) failures.push(`${operation.method.toUpperCase()} ${url.slice(0, 120)} → ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('answers malformed bodies with a 4xx on every route that takes one', async () => {
    const failures: string[] = [];
    for (const operation of operations.filter((o) => o.method !== 'get')) {
      for (const body of BODIES) {
        for (const who of identities) {
          const request = t.http()[operation.method](concrete(operation.path, '00000000-0000-0000-0000-000000000000')).set(who.auth);
          const response = typeof body === 'string' ? await request.set('Content-Type', 'application/json').send(body) : await request.send(body as object);
          if (response.status >= 500) failures.push(`${operation.method.toUpperCase()} ${operation.path} ${JSON.stringify(body).slice(0, 60)} → ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
