import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NoticeTarget, NotifierService } from '../notifications/notifier.service';
import type { JobOutcome } from '../queues/job-catalogue';
import { WorkflowsService } from '../workflows/workflows.service';
import type { PersistedEngineSnapshot } from '../workflows/definition/engine-machine.types';
import { reminderRecipients, responseRate, shouldEscalate, stageFacts } from './reminder-recipients.util';

interface ReminderRow {
  id: string;
  kind: 'reminder' | 'escalation';
  before_due: string;
  status: string;
  generation: number;
  stage_id: string;
  deadline_id: string;
  deadline_status: string;
  deadline_generation: number;
  deadline_due_at: Date;
  time_zone: string;
  organisation_id: string | null;
  escalation: { before: string; belowResponseRate: number } | null;
  contribution_id: string;
  title: string;
  symbol: string | null;
  definition_id: string;
  snapshot: PersistedEngineSnapshot;
}

/**
 * Sends one reminder or escalation row, once. Who acted is read from the machine context in the
 * contribution's snapshot (invited / responded / endorsements per stage), the same facts the
 * machine's guards use; the row is locked and marked in the transaction that creates the
 * notices, so a second run of the job finds it sent and skips.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: NotifierService,
    private readonly workflows: WorkflowsService,
  ) {}

  send(reminderId: string): Promise<JobOutcome> {
    return this.dataSource.transaction(async (em) => {
      const [row]: ReminderRow[] = await em.query(
        `SELECT r.id, r.kind, r.before_due, r.status, r.generation, r.stage_id,
                d.id AS deadline_id, d.status AS deadline_status, d.generation AS deadline_generation, d.due_at AS deadline_due_at,
                d.time_zone, d.organisation_id, d.escalation,
                c.id AS contribution_id, c.title, c.symbol, c.definition_id, c.snapshot
           FROM reminders r JOIN deadlines d ON d.id = r.deadline_id JOIN contributions c ON c.id = r.contribution_id
          WHERE r.id = $1 FOR UPDATE OF r`,
        [reminderId],
      );
      if (!row) return { status: 'skipped', detail: 'reminder gone' };
      if (row.status !== 'pending') return { status: 'skipped', detail: `already ${row.status}` };
      const stale = staleReason(row);
      if (stale) {
        await finish(em, row.id, 'cancelled', { reason: stale });
        return { status: 'skipped', detail: stale };
      }
      const workflow = await this.workflows.compiledById(row.definition_id);
      const facts = stageFacts(row.snapshot?.context, row.stage_id);
      const base = {
        contribution: { id: row.contribution_id, title: row.title, symbol: row.symbol },
        stage: { id: row.stage_id, title: workflow.stage(row.stage_id)?.title ?? row.stage_id },
        dueAt: row.deadline_due_at,
        deadlineTimeZone: row.time_zone,
      };
      const data = { deadline: { id: row.deadline_id, generation: row.deadline_generation, dueAt: row.deadline_due_at.toISOString(), timeZone: row.time_zone } };
      const where = `"${row.stage_id}" of «${row.title}»`;

      if (row.kind === 'reminder') {
        const ownExtensions: Array<{ organisation_id: string }> = row.organisation_id
          ? []
          : await em.query(`SELECT organisation_id FROM deadlines WHERE contribution_id = $1 AND stage_id = $2 AND status = 'pending' AND organisation_id IS NOT NULL`, [
              row.contribution_id,
              row.stage_id,
            ]);
        const organisations = reminderRecipients(facts, { organisationId: row.organisation_id, excluded: ownExtensions.map((r) => r.organisation_id) });
        const target: NoticeTarget = {
          notice: { ...base, kind: 'reminder', beforeDue: row.before_due },
          key: `reminder:${row.id}`,
          deadlineId: row.deadline_id,
          data: { ...data, reminder: { id: row.id, beforeDue: row.before_due } },
        };
        const delivery = await this.notifier.notifyOrganisations(em, target, organisations);
        const outcome = { organisations, ...delivery };
        await finish(em, row.id, 'sent', outcome);
        this.logger.log(
          `reminder ${row.before_due} before the deadline of ${where}: ${organisations.length} organisation(s) have not acted; ${delivery.people} inbox, ${delivery.emails} e-mail, ${delivery.webhooks} webhook notice(s)`,
        );
        return { status: 'done', ...outcome };
      }

      const rate = responseRate(facts);
      const threshold = row.escalation?.belowResponseRate ?? 0;
      if (!shouldEscalate(rate, threshold)) {
        const outcome = { responseRate: rate.rate ?? null, threshold, invited: rate.invited, responded: rate.responded, escalated: false };
        await finish(em, row.id, 'skipped', outcome);
        this.logger.log(`escalation check for ${where}: response rate ${formatRate(rate.rate)} is not below ${formatRate(threshold)}; no escalation`);
        return { status: 'done', ...outcome };
      }
      const names = await this.notifier.organisationNames(em, rate.missing);
      const people = await this.notifier.secretariatOf(em, row.contribution_id);
      const target: NoticeTarget = {
        notice: {
          ...base,
          kind: 'escalation',
          responseRate: rate.rate,
          threshold,
          invitedCount: rate.invited,
          respondedCount: rate.responded,
          missing: rate.missing.map((id) => names.get(id) ?? id),
        },
        key: `escalation:${row.id}`,
        deadlineId: row.deadline_id,
        data: { ...data, escalation: { responseRate: rate.rate, threshold, invited: rate.invited, responded: rate.responded, missing: rate.missing } },
      };
      const delivery = await this.notifier.notifyPeople(em, target, people);
      const outcome = { responseRate: rate.rate ?? null, threshold, invited: rate.invited, responded: rate.responded, escalated: true, ...delivery };
      await finish(em, row.id, 'sent', outcome);
      this.logger.log(`escalation for ${where}: response rate ${formatRate(rate.rate)} is below ${formatRate(threshold)}; ${delivery.people} secretariat notice(s)`);
      return { status: 'done', ...outcome };
    });
  }
}

/** Why a reminder no longer applies, or undefined if it still does. */
function staleReason(row: ReminderRow): string | undefined {
  if (row.deadline_status !== 'pending') return `the deadline is ${row.deadline_status}`;
  if (row.deadline_generation !== row.generation) return `the deadline was extended (generation ${row.deadline_generation})`;
  if (row.deadline_due_at.getTime() <= Date.now()) return 'the deadline has passed';
  return undefined;
}

async function finish(em: EntityManager, id: string, status: 'sent' | 'skipped' | 'cancelled', outcome: Record<string, unknown>): Promise<void> {
  await em.query(`UPDATE reminders SET status = $2, sent_at = CASE WHEN $2 = 'sent' THEN now() END, outcome = $3, updated_at = now() WHERE id = $1`, [
    id,
    status,
    JSON.stringify(outcome),
  ]);
}

function formatRate(rate: number | undefined): string {
  return rate === undefined ? 'n/a' : `${Math.round(rate * 100)}%`;
}
