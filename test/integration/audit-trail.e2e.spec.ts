import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openContribution, send } from '../utils/api';
import { setup, TestApp, TestIdentity } from '../utils/setup';

const run = promisify(execFile);

describe('audit trail', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;
  let contributionId: string;

  beforeAll(async () => {
    t = await setup();
    secretariat = await t.token('secretariat');
    auditor = await t.token('auditor');
    const belarus = await t.token('participant', 'Belarus Administration');
    ({ id: contributionId } = await openContribution(t, secretariat, { workflow: 'rcc-declaration', title: 'Audit subject' }));
    await send(t, secretariat, contributionId, { type: 'SHARE_DRAFT', payload: { deadline: '2099-01-13' } });
    await send(t, belarus, contributionId, { type: 'COMMENT', payload: { text: 'Original proposal' } });
    await send(t, secretariat, contributionId, { type: 'CLOSE_ROUND', reason: 'all proposals received' });
    await send(t, secretariat, contributionId, { type: 'DECIDE', payload: { outcome: 'endorsed', body: 'Working Group' } });
  });

  afterAll(async () => t.close());

  it('is refused by the database itself for UPDATE, DELETE and TRUNCATE, even for a superuser', async () => {
    await expect(t.db.query(`UPDATE transition_records SET reason = 'rewritten' WHERE contribution_id = $1`, [contributionId])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(t.db.query(`DELETE FROM transition_records WHERE contribution_id = $1`, [contributionId])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(t.db.query(`TRUNCATE transition_records CASCADE`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(t.db.query(`UPDATE workflow_definitions SET name = 'other'`)).rejects.toThrow(/refused/);
    const verification = await t.http().get('/audit/verify').query({ contributionId }).set(auditor.auth).expect(200);
    expect(verification.body).toEqual(expect.objectContaining({ ok: true, records: 5 }));
  });

  it('records who, what, when and why for every transition', async () => {
    const response = await t.http().get(`/contributions/${contributionId}/transitions`).set(auditor.auth).expect(200);
    const comment = response.body.items[2];
    expect(comment).toEqual(
      expect.objectContaining({
        seq: 3,
        kind: 'transition',
        eventType: 'COMMENT',
        fromStages: ['proposals'],
        toStages: ['proposals'],
        payload: { text: 'Original proposal' },
        actor: expect.objectContaining({ role: 'participant', organisationName: 'Belarus Administration' }),
        definition: expect.objectContaining({ key: 'rcc-declaration', version: 1 }),
        prevHash: response.body.items[1].hash,
      }),
    );
    expect(response.body.items[3]).toEqual(expect.objectContaining({ eventType: 'CLOSE_ROUND', reason: 'all proposals received' }));
  });

  it('reports a row changed by a superuser at the record that was changed', async () => {
    const { rows } = await t.db.query(`SELECT id FROM transition_records WHERE contribution_id = $1 AND seq = 3`, [contributionId]);
    await t.db.query('BEGIN');
    await t.db.query(`SET LOCAL session_replication_role = replica`); // a superuser can switch triggers off
    await t.db.query(`UPDATE transition_records SET payload = '{"text": "Forged proposal"}' WHERE id = $1`, [rows[0].id]);
    await t.db.query('COMMIT');

    const response = await t.http().get('/audit/verify').query({ contributionId }).set(auditor.auth).expect(200);
    expect(response.body).toEqual(
      expect.objectContaining({
        ok: false,
        firstBreak: expect.objectContaining({ seq: 3, problem: 'hash_mismatch', recordId: rows[0].id }),
      }),
    );
    const all = await t.http().get('/audit/verify').set(auditor.auth).expect(200);
    expect(all.body.ok).toBe(false);
    expect(all.body.broken.map((b: { contributionId: string }) => b.contributionId)).toEqual([contributionId]);
  });

  it('the CLI verifier reports it too and exits non-zero', async () => {
    const result = await run('node', ['-r', '@swc-node/register', 'src/cli/main.ts', 'audit', 'verify', '--contribution', contributionId], {
      env: { ...process.env, DATABASE_URL: t.config.databaseUrl },
    }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).firstBreak).toEqual(expect.objectContaining({ seq: 3, problem: 'hash_mismatch' }));
  });

  it('reports a deleted record as missing', async () => {
    const other = await openContribution(t, secretariat, { workflow: 'council-resolution', title: 'Deletion subject' });
    await send(t, secretariat, other.id, { type: 'SHARE_DRAFT' });
    await send(t, secretariat, other.id, { type: 'SUBMIT', payload: { recipient: 'ITU Council' } });
    await t.db.query('BEGIN');
    await t.db.query(`SET LOCAL session_replication_role = replica`);
    await t.db.query(`DELETE FROM transition_records WHERE contribution_id = $1 AND seq = 3`, [other.id]);
    await t.db.query('COMMIT');
    const response = await t.http().get('/audit/verify').query({ contributionId: other.id }).set(auditor.auth).expect(200);
    expect(response.body).toEqual(expect.objectContaining({ ok: false, firstBreak: expect.objectContaining({ seq: 3, problem: 'missing_record' }) }));
  });
});
