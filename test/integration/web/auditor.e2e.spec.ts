import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { verifyExportLines } from '../../../src/audit/export/export-verifier.util';
import { replaySeed000 } from '../../fixtures/replay-seed-000';
import { openContribution, send } from '../../utils/api';
import type { TestIdentity } from '../../utils/setup';
import { mainTextOnce, startWeb, tableRows, WebTest } from './support/browser';

interface RecordView {
  seq: number;
  kind: string;
  eventType: string;
  reason: string | null;
  hash: string;
}

/** The auditor timeline: seed 000's trail in order, its verification, the report and the exports, and nothing that writes. */
describe('auditor timeline', () => {
  let web: WebTest;
  let auditor: TestIdentity;
  let contributionId: string;
  let records: RecordView[];

  beforeAll(async () => {
    web = await startWeb();
    auditor = await web.t.token('auditor', undefined, { name: 'External auditor' });
    ({ contributionId } = await replaySeed000(web.t));
    records = (await web.t.http().get(`/contributions/${contributionId}/transitions`).set(auditor.auth).expect(200)).body.items;
  }, 30_000);

  afterAll(async () => web?.close());

  const download = async (page: Page, link: string): Promise<string> => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link }).click()]);
    return readFile((await file.path())!, 'utf8');
  };

  it('shows every transition in order, business and recording time in the workflow’s zone, who, for whom, why, and the hash', async () => {
    const page = await web.open(`/app/auditor?contribution=${contributionId}`, auditor.token);
    const rows = await tableRows(page, 'Transitions, oldest first');
    expect(rows.map((row) => row[0])).toEqual(records.map((record) => `#${record.seq}`));
    expect(rows.map((row) => row[0])).toEqual(records.map((_, index) => `#${index + 1}`));
    expect(rows.map((row) => row[4])).toEqual(records.map((record) => `${record.eventType}${record.kind === 'noop' ? ' (no-op)' : ''}`));
    expect(rows.map((row) => row[7])).toEqual(records.map((record) => record.reason ?? '—'));
    expect(rows.map((row) => row[8])).toEqual(records.map((record) => record.hash));
    expect(rows[0].slice(0, 7)).toEqual([
      '#1',
      'Wednesday 4 December 2024, 09:00 (Europe/Moscow)',
      expect.stringMatching(/^\w+ \d{1,2} \w+ \d{4}, \d{2}:\d{2} \(Europe\/Moscow\)$/),
      '— → Drafting of the initial version',
      'CREATE',
      'RCC Executive Committee secretariat (secretariat)',
      '—',
    ]);
    // A proposal the secretariat recorded on an administration's behalf names that administration.
    const proposal = rows.find((row) => row[4] === 'COMMENT')!;
    expect([proposal[1], proposal[6], proposal[7]]).toEqual(['Thursday 9 January 2025, 12:00 (Europe/Moscow)', 'Communications Administration of Azerbaijan', 'received by e-mail']);

    const verify = (await web.t.http().get('/audit/verify').query({ contributionId }).set(auditor.auth).expect(200)).body;
    expect(await page.locator('#verification').innerText()).toBe(`Chain verified: ${verify.records} records, head hash ${verify.headHash}.`);
    expect(verify.records).toBe(records.length);
    // Read-only: nothing on the page can send anything.
    expect(await page.getByRole('button').allInnerTexts()).toEqual(['Sign out']);
    expect(await page.locator('main form, main input, main textarea, main select').count()).toBe(0);
    expect(web.problems).toEqual([]);
  });

  it('downloads the key-stages report and the exports with its token; the export verifies offline', async () => {
    const page = await web.open(`/app/auditor?contribution=${contributionId}`, auditor.token);
    const ndjson = await download(page, 'Audit trail export (NDJSON, with hashes)');
    const offline = await verifyExportLines(ndjson.split('\n').filter(Boolean));
    expect([offline.ok, offline.records]).toEqual([true, records.length]);
    const csv = await download(page, 'Audit trail export (CSV)');
    expect(csv.trim().split('\n')).toHaveLength(records.length + 1);
    const report = await download(page, 'Key-stages report (HTML, full variant)');
    expect(report).toContain('<h1>Key stages of preparation: Declaration of the Regional Commonwealth');
    expect(report).toContain('the RCC Board of the Communications Administrations Heads endorsed the Declaration');
    expect(await page.getByRole('link', { name: 'Key-stages report (HTML, public variant)' }).getAttribute('href')).toBe(`/public/contributions/${contributionId}/report?format=html`);
    expect(await mainTextOnce(page, 'key-stages-RCC_WSIS_20_DECL.html downloaded.')).not.toContain('Error:');
  });

  it('says plainly when a chain does not verify', async () => {
    const secretariat = await web.t.token('secretariat');
    const { id } = await openContribution(web.t, secretariat, { workflow: 'rcc-declaration', title: 'Tampered' });
    await send(web.t, secretariat, id, { type: 'RECORD_VERSION', payload: { paragraphs: [{ text: 'original' }] } });
    await web.t.db.query('BEGIN');
    await web.t.db.query('SET LOCAL session_replication_role = replica'); // a superuser can switch the triggers off
    await web.t.db.query(`UPDATE transition_records SET reason = 'rewritten' WHERE contribution_id = $1 AND seq = 2`, [id]);
    await web.t.db.query('COMMIT');
    const verify = (await web.t.http().get('/audit/verify').query({ contributionId: id }).set(auditor.auth).expect(200)).body;
    expect(verify.ok).toBe(false);

    const page = await web.open(`/app/auditor?contribution=${id}`, auditor.token);
    await page.locator('#verification').getByText('Chain NOT verified').waitFor();
    expect(await page.locator('#verification').innerText()).toBe(`Chain NOT verified at record #2: ${verify.firstBreak.message}.`);
  });
});
