import { setup, TestApp } from '../utils/setup';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setup();
  });
  afterAll(async () => t.close());

  it('reports healthy db and redis', async () => {
    const response = await t.http().get('/health').expect(200);
    expect(response.body.checks.database.status).toBe('up');
    expect(response.body.checks.redis.status).toBe('up');
  });

  it('creates a contribution', async () => {
    const secretariat = await t.token('secretariat');
    const response = await t.http().post('/contributions').set(secretariat.auth).send({ workflow: 'council-resolution', title: 'x' }).expect(201);
    expect(response.body.currentStages[0].id).toBe('drafting');
  });
});
