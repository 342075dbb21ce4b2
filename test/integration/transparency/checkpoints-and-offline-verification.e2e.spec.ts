import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { AuditExportService } from '../../../src/audit/export/audit-export.service';
import { hashRecord } from '../../../src/audit/hash-chain.util';
import { RECORD_SELECT, RecordRow, toTransitionRecord } from '../../../src/audit/record-rows.util';
import { openContribution, send } from '../../utils/api';
import { setup, TestApp, TestIdentity } from '../../utils/setup';

const run = promisify(execFile);
const root = join(__dirname, '../../..');

/** The offline verifier, run as an operator would: no DATABASE_URL it could use. */
async function verifyFile(args: string[]): Promise<{ code: number; result: any; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['-r', '@swc-node/register', 'src/cli/main.ts', 'audit', 'verify-file', ...args, '--json'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    });
    return { code: 0, result: JSON.parse(stdout), stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, result: failed.stdout ? JSON.parse(failed.stdout) : null, stderr: failed.stderr };
  }
}

describe('signed checkpoints and offline verification of exports', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;
  let participant: TestIdentity;
  let target: string;
  let other: string;
  const dir = mkdtempSync(join(tmpdir(), 'ce-transparency-'));
  const keyPath = join(dir, 'keys', 'checkpoint.pem');

  const exportTo = async (name: string, query: Record<string, string> = {}) => {
    const response = await t.http().get('/audit/export').query(query).set(auditor.auth).buffer(true).parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
    expect(response.status).toBe(200);
    const path = join(dir, name);
    writeFileSync(path, response.body as string);
    return { path, text: response.body as string, headers: response.headers };
  };

  beforeAll(async () => {
    t = await setup({ env: { CHECKPOINT_KEY_PATH: keyPath } });
    secretariat = await t.token('secretariat', undefined, { name: 'Olga Secretary' });
    auditor = await t.token('auditor');
    participant = await t.token('participant', 'Administration of Uzbekistan');
    ({ id: target } = await openContribution(t, secretariat, { workflow: 'rcc-declaration', title: 'Rewritten later' }));
    ({ id: other } = await openContribution(t, secretariat, { workflow: 'council-resolution', title: 'Left alone' }));
    await send(t, secretariat, target, { type: 'SHARE_DRAFT', payload: { deadline: '2099-01-13' } });
    await send(t, participant, target, { type: 'COMMENT', payload: { text: 'First proposal' } });
    await send(t, participant, target, { type: 'COMMENT', payload: { text: 'Second proposal' } });
    await send(t, secretariat, other, { type: 'SHARE_DRAFT' });
  });

  afterAll(async () => t.close());

  it('creates the signing key on first start, outside the database, readable by its owner only', async () => {
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    const response = await t.http().get('/audit/checkpoints/public-key').expect(200);
    expect(response.text).toBe(readFileSync(`${keyPath}.pub`, 'utf8'));
    expect(response.text).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const tables = await t.db.query(`SELECT count(*)::int AS n FROM audit_checkpoints`);
    expect(tables.rows[0].n).toBe(0);
    await t.http().get('/audit/checkpoints/latest').expect(404);
  });

  it('signs checkpoints on demand for the secretariat (auditors never write), and publishes them to anyone', async () => {
    await t.http().post('/audit/checkpoints').set(participant.auth).expect(403);
    await t.http().post('/audit/checkpoints').set(auditor.auth).expect(403);
    await t.http().post('/audit/checkpoints').expect(401);
    const first = await t.http().post('/audit/checkpoints').set(secretariat.auth).expect(201);
    expect(first.body).toEqual(expect.objectContaining({ sequence: 1, chains: 2, records: 6, previous: null, broken: [], trigger: 'request' }));
    expect(first.body.heads).toEqual(expect.arrayContaining([expect.objectContaining({ contributionId: target, seq: 4 }), expect.objectContaining({ contributionId: other, seq: 2 })]));

    await send(t, participant, target, { type: 'NO_COMMENT' });
    await send(t, secretariat, target, { type: 'CLOSE_ROUND', reason: 'all proposals received' });
    await send(t, secretariat, target, { type: 'DECIDE', payload: { outcome: 'endorsed', body: 'Working Group', meeting: { date: '2025-01-20' } } });
    const second = await t.http().post('/audit/checkpoints').set(secretariat.auth).expect(201);
    expect(second.body).toEqual(expect.objectContaining({ sequence: 2, records: 9, previous: first.body.digest }));

    const list = await t.http().get('/audit/checkpoints').query({ limit: 1 }).expect(200);
    expect(list.body.items.map((c: { sequence: number }) => c.sequence)).toEqual([2]);
    expect(list.body.items[0].heads).toBeUndefined();
    expect(list.body.next).toBe(2);
    const withHeads = await t.http().get('/audit/checkpoints').query({ include: 'heads', before: 2 }).expect(200);
    expect(withHeads.body.items).toEqual([expect.objectContaining({ sequence: 1, heads: first.body.heads })]);
    await t.http().get('/audit/checkpoints').query({ include: 'everything' }).expect(400);
    expect((await t.http().get('/audit/checkpoints/2').expect(200)).body.signature).toBe(second.body.signature);
  });

  it('exports NDJSON with hashes that the offline verifier accepts against the signed checkpoints', async () => {
    const { path, headers, text } = await exportTo('clean.ndjson');
    expect(headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = text.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toEqual(expect.objectContaining({ export: 'consultation-engine/transition-records', scope: 'all' }));
    expect(lines[lines.length - 1]).toEqual({ end: true, records: 9, contributions: 2 });
    expect(lines.slice(1, -1).every((line) => /^[0-9a-f]{64}$/.test(line.hash))).toBe(true);

    const all = await t.http().get('/audit/checkpoints').query({ include: 'heads' }).expect(200);
    writeFileSync(join(dir, 'checkpoints.json'), JSON.stringify(all.body));
    const key = await t.http().get('/audit/checkpoints/public-key').expect(200);
    writeFileSync(join(dir, 'trusted.pub'), key.text);

    const verified = await verifyFile([path, '--checkpoint', join(dir, 'checkpoints.json'), '--public-key', join(dir, 'trusted.pub')]);
    expect(verified.code).toBe(0);
    expect(verified.result).toEqual(expect.objectContaining({ ok: true, records: 9, contributions: 2, firstProblem: null }));
    expect(verified.result.coverage).toEqual({ contributionsCovered: 2, recordsCovered: 9, latestCheckpoint: 2 });
  });

  it('streams in batches with back-pressure, and stops when the reader goes away', async () => {
    const service = t.app.get(AuditExportService);
    const chunks: string[] = [];
    const slow = new Writable({
      highWaterMark: 1,
      write(chunk, _encoding, callback) {
        chunks.push(String(chunk));
        setTimeout(callback, 5);
      },
    });
    expect(await service.write(slow, { format: 'ndjson', batchSize: 2 })).toEqual({ records: 9, contributions: 2, complete: true });
    expect(chunks).toHaveLength(1 + 5 + 1); // header, 9 records in batches of 2, end line
    const leaving = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, callback) {
        setTimeout(() => leaving.destroy(), 1);
        callback();
      },
    });
    const cut = await service.write(leaving, { format: 'csv', batchSize: 2 });
    expect(cut.complete).toBe(false);
    expect(cut.records).toBeLessThan(9);
  });

  it('exports one contribution as CSV with its hashes', async () => {
    const { text, headers } = await exportTo('one.csv', { format: 'csv', contributionId: other });
    expect(headers['content-type']).toMatch(/^text\/csv/);
    const rows = text.trim().split('\n');
    expect(rows[0]).toMatch(/^id,contribution_id,seq,kind,event_type,/);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toContain(`,${other},2,transition,SHARE_DRAFT,`);
    await t.http().get('/audit/export').query({ contributionId: '00000000-0000-4000-8000-000000000000' }).set(auditor.auth).expect(404);
    await t.http().get('/audit/export').set(participant.auth).expect(403);
  });

  it('exports and signs from the command line too', async () => {
    const env = { ...process.env, DATABASE_URL: t.config.databaseUrl, CHECKPOINT_KEY_PATH: keyPath };
    const out = join(dir, 'cli-export.ndjson');
    const exported = await run('node', ['-r', '@swc-node/register', 'src/cli/main.ts', 'audit', 'export', '--contribution', other, '--out', out], { cwd: root, env });
    expect(exported.stderr).toContain(`2 records of 1 contributions written to ${out}`);
    const signed = await run('node', ['-r', '@swc-node/register', 'src/cli/main.ts', 'audit', 'checkpoint'], { cwd: root, env });
    const checkpoint = JSON.parse(signed.stdout);
    expect(checkpoint).toEqual(expect.objectContaining({ sequence: 3, trigger: 'cli', chains: 2, records: 9 }));
    const latest = await t.http().get('/audit/checkpoints/3').expect(200);
    writeFileSync(join(dir, 'cli-checkpoint.json'), JSON.stringify(latest.body));
    const verified = await verifyFile([out, '--checkpoint', join(dir, 'cli-checkpoint.json'), '--public-key', `${keyPath}.pub`]);
    expect(verified.result).toEqual(expect.objectContaining({ ok: true, records: 2, header: expect.objectContaining({ scope: 'contribution', contributionId: other }) }));
  });

  it('catches a superuser who rewrites a record and recomputes every later hash, narrowed by the checkpoints', async () => {
    const { rows } = await t.db.query<RecordRow>(`SELECT ${RECORD_SELECT} FROM transition_records r WHERE r.contribution_id = $1 ORDER BY r.seq`, [target]);
    const records = rows.map(toTransitionRecord);
    records[5].reason = 'nothing left to receive'; // record 6, after checkpoint 1 (4 records), before checkpoint 2 (7 records)
    for (let index = 5; index < records.length; index++) {
      records[index].prevHash = records[index - 1].hash;
      records[index].hash = hashRecord(records[index]);
    }
    await t.db.query('BEGIN');
    await t.db.query('SET LOCAL session_replication_role = replica');
    for (const record of records.slice(5)) {
      await t.db.query('UPDATE transition_records SET reason = $2, prev_hash = $3, hash = $4 WHERE id = $1', [record.id, record.reason, record.prevHash, record.hash]);
    }
    await t.db.query('UPDATE contributions SET head_hash = $2 WHERE id = $1', [target, records[records.length - 1].hash]);
    await t.db.query('COMMIT');

    // The chain alone is fooled: every link was recomputed.
    const database = await t.http().get('/audit/verify').query({ contributionId: target }).set(auditor.auth).expect(200);
    expect(database.body.ok).toBe(true);

    const { path } = await exportTo('rewritten.ndjson');
    const caught = await verifyFile([path, '--checkpoint', join(dir, 'checkpoints.json'), '--public-key', join(dir, 'trusted.pub')]);
    expect(caught.code).toBe(1);
    expect(caught.result.ok).toBe(false);
    expect(caught.result.firstProblem).toEqual(
      expect.objectContaining({ problem: 'checkpoint_mismatch', contributionId: target, alteredFrom: 5, alteredTo: 7, checkpoint: 2 }),
    );
    expect(caught.result.firstProblem.message).toContain('checkpoint #1 still matches at record 4');
    expect(caught.result.problems).toHaveLength(1);

    // Given only the last signed checkpoint, the rewrite is still reported.
    const latest = await t.http().get('/audit/checkpoints/latest').expect(200);
    writeFileSync(join(dir, 'latest.json'), JSON.stringify(latest.body));
    const withLatest = await verifyFile([path, '--checkpoint', join(dir, 'latest.json'), '--public-key', join(dir, 'trusted.pub')]);
    expect(withLatest.code).toBe(1);
    expect(withLatest.result.firstProblem).toEqual(expect.objectContaining({ problem: 'checkpoint_mismatch', alteredFrom: 1, alteredTo: 7 }));
  });

  it('refuses to vouch for the rewritten chain in the next checkpoint, and says why', async () => {
    const next = await t.http().post('/audit/checkpoints').set(secretariat.auth).expect(201);
    expect(next.body.sequence).toBe(4);
    expect(next.body.broken).toEqual([expect.objectContaining({ contributionId: target, seq: 7 })]);
    const latestHead = next.body.heads.find((head: { contributionId: string }) => head.contributionId === target);
    const previous = await t.http().get('/audit/checkpoints/3').expect(200);
    expect(latestHead).toEqual(previous.body.heads.find((head: { contributionId: string }) => head.contributionId === target));
  });

  it('does not trust a checkpoint forged with another key', async () => {
    const forged = JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8'));
    forged.heads = forged.heads.map((head: { contributionId: string; seq: number; hash: string }) => (head.contributionId === target ? { ...head, hash: 'f'.repeat(64) } : head));
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
    const result = await verifyFile([join(dir, 'clean.ndjson'), '--checkpoint', join(dir, 'forged.json'), '--public-key', join(dir, 'trusted.pub')]);
    expect(result.code).toBe(1);
    expect(result.result.checkpoints).toEqual([expect.objectContaining({ ok: false, problems: expect.arrayContaining(['the listed heads do not match the signed heads digest']) })]);
  });
});
