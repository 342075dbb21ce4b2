import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setup, TestApp } from '../utils/setup';

const exec = promisify(execFile);

async function cli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await exec('npm', ['run', 'cli', '--', ...args], { env: { ...process.env, ...env }, cwd: join(__dirname, '../..') });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('operator CLI (npm run cli)', () => {
  let t: TestApp;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'ce-cli-'));

  beforeAll(async () => {
    t = await setup();
    env = { DATABASE_URL: t.config.databaseUrl };
  });

  afterAll(async () => t.close());

  it('token create prints the token alone on stdout, and the token works for its role and organisation', async () => {
    const result = await cli(['token', 'create', '--role', 'participant', '--org', 'Communications Administration of Uzbekistan'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ce_[A-Za-z0-9_-]{43}\n$/);
    const me = await t.http().get('/me').set('Authorization', `Bearer ${result.stdout.trim()}`).expect(200);
    expect(me.body).toEqual(expect.objectContaining({ role: 'participant', organisationName: 'Communications Administration of Uzbekistan' }));
    const stored = await t.db.query('SELECT token_hash FROM api_tokens');
    expect(stored.rows.map((row) => row.token_hash)).not.toContain(result.stdout.trim());
  });

  it('token create refuses a participant without an organisation', async () => {
    const result = await cli(['token', 'create', '--role', 'participant'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--org is required for a participant');
    expect(result.stdout).toBe('');
  });

  it('validate prints each error with its path and exits non-zero; a valid file exits 0', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'id: broken\nname: Broken\nstages:\n  - id: start\n    on: { GO: editoral-session }\n  - id: editorial-session\n    kind: final\n');
    const failed = await cli(['validate', broken], env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('stages[0].on.GO.target (line 5): unknown stage "editoral-session"; did you mean "editorial-session"?');
    const ok = await cli(['validate', 'workflows/rcc-declaration.yaml'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('valid workflow "rcc-declaration" with 15 stages');
  });
});
