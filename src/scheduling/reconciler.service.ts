import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { AppConfig } from '../config/app-config';
import type { JobSpec } from '../queues/job-catalogue';
import { jobIds } from '../queues/job-ids.util';
import { JobQueues } from '../queues/job-queues.service';
import { DEADLINE_TOPICS } from './outbox-topics';
import { OutboxRow, planRelay } from './relay-plan.util';

/** Any constant will do; it only has to be the same in every process of this app (and differ from the migration lock). */
const RECONCILER_LOCK_KEY = 7_410_262_026;
/** Small enough that a pass over 100,000 pending rows never holds much garbage at once. */
const PAGE = 2000;
/** A deadline this far past its instant and still pending has lost its job (or its worker). */
const OVERDUE_AFTER_MS = 30_000;
/** Even with Redis intact, every pending job is checked this often. */
const FULL_PASS_EVERY_MS = 3_600_000;

export interface ReconcileReport {
  leader: boolean;
  /** full: every pending row was checked; overdue: only rows whose instant has passed. */
  mode: 'full' | 'overdue';
  deadlines: { pending: number; recreated: number; overdue: number };
  reminders: { pending: number; recreated: number };
  notices: { recent: number; recreated: number };
  emails: { pending: number; recreated: number };
  webhooks: { pending: number; recreated: number };
}

/**
 * Postgres is the source of truth; Redis only mirrors it. At start-up and every
 * RECONCILE_INTERVAL_MS one worker (whoever takes the advisory lock) compares pending deadlines,
 * reminders, notices, e-mails and webhook deliveries with Redis and re-creates the jobs that are
 * missing (after a FLUSHALL, a failover without persistence, a lost outbox publish). A deadline
 * whose instant has already passed is re-created to run now, marked late.
 *
 * Checking every pending row costs time and memory in proportion to the rows, so it happens at
 * start-up, when the marker left in Redis by the last full pass is gone (Redis lost its data),
 * and hourly; the other passes look only at rows whose instant has passed without them firing.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<ReconcileReport | undefined>;
  private stopped = false;
  private lastFullPass = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly queues: JobQueues,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    this.timer = setInterval(() => void this.runSafely(), this.config.reconcileIntervalMs);
    this.timer.unref();
    void this.runSafely();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass unless one is already running in this process; errors are logged, never thrown. */
  runSafely(): Promise<ReconcileReport | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    this.running ??= this.run()
      .then((report) => {
        const recreated = report.deadlines.recreated + report.reminders.recreated + report.notices.recreated + report.emails.recreated + report.webhooks.recreated;
        if (recreated > 0) {
          this.logger.warn(
            `re-created jobs missing from Redis: ${report.deadlines.recreated} deadline(s) (${report.deadlines.overdue} overdue, firing now, marked late), ` +
              `${report.reminders.recreated} reminder(s), ${report.notices.recreated} notice(s), ${report.emails.recreated} e-mail(s), ${report.webhooks.recreated} webhook delivery(ies)`,
          );
        }
        return report;
      })
      .catch((error: unknown) => {
        this.logger.warn(`reconciliation failed, retrying in ${this.config.reconcileIntervalMs} ms: ${(error as Error).message}`);
        return undefined;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async run(): Promise<ReconcileReport> {
    const report: ReconcileReport = {
      leader: false,
      mode: 'overdue',
      deadlines: { pending: 0, recreated: 0, overdue: 0 },
      reminders: { pending: 0, recreated: 0 },
      notices: { recent: 0, recreated: 0 },
      emails: { pending: 0, recreated: 0 },
      webhooks: { pending: 0, recreated: 0 },
    };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // Held until this transaction ends; a crashed leader's lock goes with its connection.
      const [{ leader }] = await runner.query('SELECT pg_try_advisory_xact_lock($1) AS leader', [RECONCILER_LOCK_KEY]);
      report.leader = leader;
      if (leader) {
        const full = Date.now() - this.lastFullPass >= FULL_PASS_EVERY_MS || !(await this.queues.reconciledMarkerPresent());
        report.mode = full ? 'full' : 'overdue';
        await this.reconcileDeadlines(runner, report, full);
        await this.reconcileReminders(runner, report, full);
        await this.reconcileNotices(runner, report);
        await this.reconcileDeliveries(runner, report);
        // Bounded: only the oldest rows are looked at (by primary key), a slice per pass.
        await runner.query(
          `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT 10000) AND published_at < now() - interval '7 days'`,
        );
      }
      await runner.commitTransaction();
      if (report.leader && report.mode === 'full') {
        this.lastFullPass = Date.now();
        await this.queues.markReconciled(new Date());
      }
      return report;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async reconcileDeadlines(runner: QueryRunner, report: ReconcileReport, full: boolean): Promise<void> {
    await this.pages<{ id: string; generation: number; contribution_id: string; stage_id: string; due_at: Date }>(
      runner,
      `SELECT id, generation, contribution_id, stage_id, due_at FROM deadlines
        WHERE status = 'pending' AND id > $1 ${full ? '' : `AND due_at < now() - interval '${OVERDUE_AFTER_MS} milliseconds'`} ORDER BY id LIMIT $2`,
      async (rows) => {
        report.deadlines.pending += rows.length;
        const now = Date.now();
        const missing = await this.queues.missing(
          rows.map((row) => ({
            name: 'deadline.fire',
            id: jobIds.deadline(row.id, row.generation),
            data: { deadlineId: row.id, generation: row.generation, contributionId: row.contribution_id, stageId: row.stage_id, dueAt: row.due_at.toISOString() },
            runAt: row.due_at,
          })),
        );
        for (const spec of missing) {
          if (spec.runAt && spec.runAt.getTime() <= now) {
            (spec as JobSpec<'deadline.fire'>).data.late = true;
            report.deadlines.overdue++;
          }
        }
        await this.queues.enqueue(missing);
        report.deadlines.recreated += missing.length;
      },
    );
  }

  private async reconcileReminders(runner: QueryRunner, report: ReconcileReport, full: boolean): Promise<void> {
    await this.pages<{ id: string; due_at: Date }>(
      runner,
      `SELECT r.id, r.due_at FROM reminders r JOIN deadlines d ON d.id = r.deadline_id
        WHERE r.status = 'pending' AND d.status = 'pending' AND d.generation = r.generation AND r.id > $1
          ${full ? '' : `AND r.due_at < now() - interval '${OVERDUE_AFTER_MS} milliseconds'`} ORDER BY r.id LIMIT $2`,
      async (rows) => {
        report.reminders.pending += rows.length;
        const missing = await this.queues.missing(
          rows.map((row) => ({ name: 'reminder.send', id: jobIds.reminder(row.id), data: { reminderId: row.id, dueAt: row.due_at.toISOString() }, runAt: row.due_at })),
        );
        await this.queues.enqueue(missing);
        report.reminders.recreated += missing.length;
      },
    );
  }

  /**
   * Extension and invitation notices exist only as jobs once their outbox row is published; the
   * rows of the last day are replayed if their job is gone (the notices de-duplicate themselves).
   */
  private async reconcileNotices(runner: QueryRunner, report: ReconcileReport): Promise<void> {
    const rows: OutboxRow[] = await runner.query(
      `SELECT id::text AS id, topic, payload FROM outbox
        WHERE topic IN ('${DEADLINE_TOPICS.rescheduled}', '${DEADLINE_TOPICS.invited}') AND published_at > now() - interval '1 day' ORDER BY id`,
    );
    const notices = planRelay(rows).add.filter((spec) => spec.name === 'notice.send');
    report.notices.recent += notices.length;
    const missing = await this.queues.missing(notices);
    await this.queues.enqueue(missing);
    report.notices.recreated += missing.length;
  }

  private async reconcileDeliveries(runner: QueryRunner, report: ReconcileReport): Promise<void> {
    await this.pages<{ id: string }>(runner, `SELECT id FROM notifications WHERE email_status = 'pending' AND id > $1 ORDER BY id LIMIT $2`, async (rows) => {
      report.emails.pending += rows.length;
      const missing = await this.queues.missing(rows.map((row) => ({ name: 'email.send', id: jobIds.email(row.id), data: { notificationId: row.id } })));
      await this.queues.enqueue(missing);
      report.emails.recreated += missing.length;
    });
    await this.pages<{ id: string }>(runner, `SELECT id FROM webhook_deliveries WHERE status = 'pending' AND id > $1 ORDER BY id LIMIT $2`, async (rows) => {
      report.webhooks.pending += rows.length;
      const missing = await this.queues.missing(rows.map((row) => ({ name: 'webhook.deliver', id: jobIds.webhook(row.id), data: { deliveryId: row.id } })));
      await this.queues.enqueue(missing);
      report.webhooks.recreated += missing.length;
    });
  }

  /** Keyset pagination by uuid, so 100,000 pending rows never sit in memory at once. */
  private async pages<T extends { id: string }>(runner: QueryRunner, sql: string, handle: (rows: T[]) => Promise<void>): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: T[] = await runner.query(sql, [after, PAGE]);
      if (rows.length === 0) return;
      await handle(rows);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }
}
