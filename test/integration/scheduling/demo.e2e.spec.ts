import { Logger } from '@nestjs/common';
import { createApp } from '../../../src/bootstrap/create-app';
import { AppConfig } from '../../../src/config/app-config';
import { DemoService } from '../../../src/demo/demo.service';
import { setup, TestApp } from '../../utils/setup';

/**
 * The demo `npm start` shows: one contribution whose reminders, escalation and automatic close
 * all fall within a minute of start-up, created once however often the app restarts.
 */
describe('the demo contribution', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await setup({ env: { DEMO: 'true' } });
  });

  afterAll(async () => t?.close());

  it('is on for `npm start` and off otherwise', () => {
    expect(AppConfig.fromEnv({ npm_lifecycle_event: 'start' }).demo).toBe(true);
    expect(AppConfig.fromEnv({ npm_lifecycle_event: 'start', DEMO: 'false' }).demo).toBe(false);
    expect(AppConfig.fromEnv({ npm_lifecycle_event: 'test' }).demo).toBe(false);
    expect(AppConfig.fromEnv({}).demo).toBe(false);
  });

  it('opens a comment round whose deadline, reminders and escalation all fall within a minute', async () => {
    const { rows: contributions } = await t.db.query(`SELECT id, current_stages, snapshot, created_at FROM contributions`);
    expect(contributions).toHaveLength(1);
    const [demo] = contributions;
    expect(demo.current_stages).toEqual(['comments']);
    expect(demo.snapshot.context.invited.comments).toHaveLength(3);
    expect(demo.snapshot.context.responded.comments).toHaveLength(1);
    // Participants can read the draft and comment on one of its paragraphs.
    const { rows: versions } = await t.db.query(`SELECT id FROM text_versions WHERE contribution_id = $1`, [demo.id]);
    expect(versions).toHaveLength(1);
    const { rows: paragraphs } = await t.db.query(`SELECT count(*)::int AS n FROM text_paragraphs WHERE version_id = $1`, [versions[0].id]);
    expect(paragraphs[0].n).toBe(3);
    const openedAt = demo.created_at.getTime();
    const [deadline] = (await t.db.query(`SELECT due_at, status FROM deadlines WHERE contribution_id = $1`, [demo.id])).rows;
    expect(deadline.status).toBe('pending');
    expect(deadline.due_at.getTime() - openedAt).toBeLessThan(60_000);
    const { rows: reminders } = await t.db.query(`SELECT kind, before_due, due_at, status FROM reminders WHERE contribution_id = $1 ORDER BY due_at`, [demo.id]);
    expect(reminders.map((r) => [r.kind, r.before_due, r.status])).toEqual([
      ['reminder', 'PT30S', 'pending'],
      ['escalation', 'PT20S', 'pending'],
      ['reminder', 'PT15S', 'pending'],
    ]);
    expect(reminders.every((r) => r.due_at.getTime() > openedAt)).toBe(true);
    // People in three languages and zones, each able to look at the result with a token printed in the log.
    const { rows: people } = await t.db.query(`SELECT language, time_zone FROM people WHERE role = 'participant' ORDER BY language`);
    expect(people.map((p) => `${p.language} ${p.time_zone}`)).toEqual(['en Africa/Nairobi', 'fr Europe/Paris', 'ru Asia/Almaty']);
  });

  it('is not opened again while it runs, by a restart or a second API process', async () => {
    const second = await createApp(t.config);
    await second.init();
    const again = await second.get(DemoService).ensure();
    await second.close();
    expect(again.created).toBe(false);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM contributions`)).rows[0].n).toBe(1);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM people`)).rows[0].n).toBe(5);
  });

  it('logs the web pages of each role with a working token', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      const run = await t.app.get(DemoService).ensure();
      const lines = log.mock.calls.map(([line]) => String(line));
      const page = (name: string) => {
        const line = lines.find((l) => l.trimStart().startsWith(`${name}:`));
        expect(line).toBeDefined();
        return new URL(line!.slice(line!.indexOf('http')));
      };
      const base = t.config.publicBaseUrl;
      for (const [name, path, role] of [
        ['secretariat dashboard', '/app/secretariat', 'secretariat'],
        ['participant inbox', '/app/participant', 'participant'],
        ['auditor timeline', '/app/auditor', 'auditor'],
      ] as const) {
        const url = page(name);
        expect([url.origin + url.pathname, url.searchParams.get('contribution')]).toEqual([`${base}${path}`, run.contributionId]);
        const me = await t.http().get('/me').set('Authorization', `Bearer ${url.searchParams.get('token')}`).expect(200);
        expect(me.body.role).toBe(role);
      }
      expect(page('public page').href).toBe(`${base}/app/public/${run.contributionId}`);
    } finally {
      log.mockRestore();
    }
  });

  it('opens a new one once the previous round has closed', async () => {
    await t.db.query(`UPDATE deadlines SET status = 'fired'`);
    const run = await t.app.get(DemoService).ensure();
    expect(run.created).toBe(true);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM contributions`)).rows[0].n).toBe(2);
  });
});
