import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { RECORD_SELECT, RecordRow, toTransitionRecord } from './record-rows.util';
import { transitionRecordView } from './transition-record.view';

export interface Page {
  limit?: number;
  after?: string;
  contributionId?: string;
}

export interface TransitionSearch extends Page {
  actorId?: string;
  actorRole?: string;
  organisationId?: string;
  stage?: string;
  eventType?: string;
  kind?: string;
  from?: Date;
  to?: Date;
  dateField?: 'occurredAt' | 'recordedAt';
}

type RecordView = ReturnType<typeof transitionRecordView>;

export interface PageResult<T> {
  items: T[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

/** Collects SQL conditions with numbered parameters. */
class Where {
  readonly conditions: string[] = [];
  readonly values: unknown[] = [];

  add(sql: (param: (value: unknown) => string) => string): this {
    this.conditions.push(sql((value) => `$${this.values.push(value)}`));
    return this;
  }

  toSql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/**
 * What auditors ask of the trail: filtered, paginated transitions, and the records that deserve
 * a second look — back-dated far beyond the norm, deadlines that fired late, deadline firings that
 * did nothing, and extensions.
 */
@Injectable()
export class AuditQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  search(filter: TransitionSearch): Promise<PageResult<RecordView>> {
    const where = new Where();
    if (filter.actorId) where.add((p) => `r.actor_person_id = ${p(filter.actorId)}`);
    if (filter.actorRole) where.add((p) => `r.actor_role = ${p(filter.actorRole)}`);
    if (filter.organisationId) where.add((p) => `(r.organisation_id = ${p(filter.organisationId)} OR r.actor_organisation_id = ${p(filter.organisationId)})`);
    if (filter.stage) where.add((p) => `(${p(filter.stage)} = ANY(r.from_stages) OR ${p(filter.stage)} = ANY(r.to_stages))`);
    if (filter.eventType?.endsWith('*')) where.add((p) => `r.event_type LIKE ${p(`${filter.eventType!.slice(0, -1).replace(/[\\%_]/g, '\\$&')}%`)}`);
    else if (filter.eventType) where.add((p) => `r.event_type = ${p(filter.eventType)}`);
    if (filter.kind) where.add((p) => `r.kind = ${p(filter.kind)}`);
    const column = filter.dateField === 'recordedAt' ? 'r.recorded_at' : 'r.occurred_at';
    if (filter.from) where.add((p) => `${column} >= ${p(filter.from)}`);
    if (filter.to) where.add((p) => `${column} < ${p(filter.to)}`);
    return this.page(where, filter, (view) => view);
  }

  backdated(page: Page & { hours?: number }): Promise<PageResult<RecordView & { backdatedByHours: number }>> {
    const hours = page.hours ?? this.config.backdateAlertHours;
    const where = new Where().add((p) => `r.recorded_at - r.occurred_at > (${p(hours)}::float8 * interval '1 hour')`);
    return this.page(where, page, (view) => ({
      ...view,
      backdatedByHours: Math.round(((new Date(view.recordedAt).getTime() - new Date(view.occurredAt).getTime()) / 3_600_000) * 10) / 10,
    }));
  }

  lateDeadlines(page: Page & { thresholdSeconds?: number }): Promise<PageResult<RecordView & { lateByMs: number | null; markedLate: boolean }>> {
    const thresholdMs = (page.thresholdSeconds ?? 60) * 1000;
    const where = new Where()
      .add(() => `r.event_type LIKE 'DEADLINE.%'`)
      .add((p) => `(coalesce((r.details #>> '{deadline,lateByMs}')::numeric, 0) > ${p(thresholdMs)} OR r.payload->>'late' = 'true')`);
    return this.page(where, page, (view) => ({
      ...view,
      lateByMs: typeof (view.details.deadline as { lateByMs?: unknown } | undefined)?.lateByMs === 'number' ? ((view.details.deadline as { lateByMs: number }).lateByMs) : null,
      markedLate: view.payload.late === true,
    }));
  }

  deadlineNoops(page: Page): Promise<PageResult<RecordView & { noop: unknown }>> {
    const where = new Where().add(() => `r.kind = 'noop'`).add(() => `r.event_type LIKE 'DEADLINE.%'`);
    return this.page(where, page, (view) => ({ ...view, noop: view.details.noop ?? null }));
  }

  extensions(page: Page): Promise<PageResult<RecordView & { extension: unknown }>> {
    const where = new Where().add(() => `r.event_type = 'EXTEND_DEADLINE'`).add(() => `r.kind = 'transition'`);
    return this.page(where, page, (view) => ({ ...view, extension: view.details.extension ?? null }));
  }

  private async page<T>(where: Where, page: Page, shape: (view: RecordView) => T): Promise<PageResult<T>> {
    const limit = page.limit ?? 100;
    if (page.contributionId) where.add((p) => `r.contribution_id = ${p(page.contributionId)}`);
    if (page.after) where.add((p) => `r.id > ${p(page.after)}::bigint`);
    const rows: RecordRow[] = await this.dataSource.query(
      `SELECT ${RECORD_SELECT} FROM transition_records r ${where.toSql()} ORDER BY r.id LIMIT ${limit + 1}`,
      where.values,
    );
    const items = rows.slice(0, limit).map((row) => shape(transitionRecordView(toTransitionRecord(row))));
    return { items, next: rows.length > limit ? String(rows[limit - 1].id) : null };
  }
}
