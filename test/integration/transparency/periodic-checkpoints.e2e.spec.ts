import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointJob } from '../../../src/audit/checkpoints/checkpoint.job';
import { openContribution } from '../../utils/api';
import { setup, TestApp } from '../../utils/setup';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('periodic checkpoints (worker role)', () => {
  let t: TestApp;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ce-periodic-'));
    t = await setup({ workers: true, env: { CHECKPOINT_KEY_PATH: join(dir, 'key.pem'), CHECKPOINT_INTERVAL_MS: '1000' } });
  });

  afterAll(async () => t.close());

  it('signs a checkpoint on schedule once something was recorded, and skips when nothing changed', async () => {
    await sleep(1500);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_checkpoints`)).rows[0].n).toBe(0);
    const secretariat = await t.token('secretariat');
    const { id } = await openContribution(t, secretariat, { workflow: 'council-resolution', title: 'Scheduled checkpoint' });
    let rows: Array<{ sequence: number; trigger: string; heads: Array<{ contributionId: string }> }> = [];
    for (let waited = 0; waited < 10_000 && rows.length === 0; waited += 200) {
      await sleep(200);
      rows = (await t.db.query(`SELECT sequence, trigger, heads FROM audit_checkpoints ORDER BY sequence`)).rows;
    }
    expect(rows[0]).toEqual(expect.objectContaining({ trigger: 'schedule', heads: [expect.objectContaining({ contributionId: id, seq: 1 })] }));

    const outcome = await t.app.get(CheckpointJob).run();
    expect(outcome).toEqual({ status: 'skipped', detail: 'nothing recorded since the last checkpoint' });
    const after = await t.db.query(`SELECT count(*)::int AS n FROM audit_checkpoints`);
    expect(after.rows[0].n).toBe(rows.length);
  });
});
