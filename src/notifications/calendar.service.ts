import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { AppConfig } from '../config/app-config';
import type { EngineContextLike } from '../scheduling/reminder-recipients.util';
import { WorkflowsService } from '../workflows/workflows.service';
import { calendarEntries, FeedDeadline, renderCalendar } from './calendar-feed.util';

export interface FeedRow {
  id: string;
  contribution_id: string;
  title: string;
  symbol: string | null;
  definition_id: string;
  stage_id: string;
  due_at: Date;
  time_zone: string;
  generation: number;
  status: 'pending' | 'fired';
  updated_at: Date;
  organisation_name: string | null;
  own_due_at: Date | null;
  own_generation: number | null;
  own_updated_at: Date | null;
  own_organisation_name: string | null;
  own_status: 'pending' | 'fired' | null;
  /** The contribution's machine context (invited, responded, endorsements), for who has acted. */
  context: EngineContextLike | null;
}

/** How far back passed deadlines stay in the feed. */
const HISTORY = '180 days';

/**
 * The iCalendar feed of a person's deadlines. A participant sees the deadlines of stages their
 * organisation is invited to (or holds its own extension in), moved to its own extension when it
 * has one; a secretariat or an auditor sees every deadline, and each organisation's extension as
 * its own event.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflows: WorkflowsService,
    private readonly config: AppConfig,
  ) {}

  async feed(actor: Actor & { personId: string }): Promise<string> {
    const [person]: Array<{ language: string; time_zone: string }> = await this.dataSource.query(`SELECT language, time_zone FROM people WHERE id = $1`, [actor.personId]);
    const reader = { language: person?.language ?? 'en', timeZone: person?.time_zone ?? 'UTC' };
    const rows = await this.rows(actor);
    const deadlines: FeedDeadline[] = [];
    for (const row of rows) {
      const workflow = await this.workflows.compiledById(row.definition_id);
      deadlines.push({
        id: row.id,
        contributionId: row.contribution_id,
        contributionTitle: row.title,
        symbol: row.symbol,
        stageId: row.stage_id,
        stageTitle: workflow.stage(row.stage_id)?.title ?? row.stage_id,
        dueAt: row.due_at,
        timeZone: row.time_zone,
        generation: row.generation,
        status: row.status,
        updatedAt: row.updated_at,
        forOrganisation: row.organisation_name,
        own:
          row.own_due_at && row.own_generation !== null && row.own_updated_at
            ? { dueAt: row.own_due_at, generation: row.own_generation, updatedAt: row.own_updated_at, organisationName: row.own_organisation_name }
            : undefined,
      });
    }
    const host = new URL(this.config.publicBaseUrl).hostname;
    const name = actor.organisationName ? `Deadlines – ${actor.organisationName}` : 'Deadlines – Consultation Engine';
    return renderCalendar(name, calendarEntries(deadlines, reader, this.config.publicBaseUrl, host));
  }

  /** The deadlines a person's feed holds (also GET /me/deadlines): see the class comment. */
  rows(actor: Actor): Promise<FeedRow[]> {
    return actor.role === 'participant' && actor.organisationId ? this.participantRows(actor.organisationId) : this.allRows();
  }

  private participantRows(organisationId: string): Promise<FeedRow[]> {
    return this.dataSource.query(
      `SELECT g.id, g.contribution_id, c.title, c.symbol, c.definition_id, g.stage_id, g.due_at, g.time_zone, g.generation, g.status, g.updated_at,
              NULL AS organisation_name, own.due_at AS own_due_at, own.generation AS own_generation, own.updated_at AS own_updated_at,
              own.organisation_name AS own_organisation_name, own.status AS own_status, c.snapshot->'context' AS context
         FROM deadlines g
         JOIN contributions c ON c.id = g.contribution_id
         LEFT JOIN LATERAL (
           SELECT o.due_at, o.generation, o.updated_at, o.status, org.name AS organisation_name FROM deadlines o JOIN organisations org ON org.id = o.organisation_id
            WHERE o.parent_id = g.id AND o.organisation_id = $1 AND o.status IN ('pending', 'fired') ORDER BY o.created_at DESC LIMIT 1
         ) own ON true
        WHERE g.organisation_id IS NULL AND g.status IN ('pending', 'fired') AND g.due_at > now() - $2::interval
          AND (coalesce(c.snapshot->'context'->'invited'->g.stage_id, '[]'::jsonb) @> jsonb_build_array($1::text) OR own.due_at IS NOT NULL)
        ORDER BY g.due_at, g.id`,
      [organisationId, HISTORY],
    );
  }

  private allRows(): Promise<FeedRow[]> {
    return this.dataSource.query(
      `SELECT d.id, d.contribution_id, c.title, c.symbol, c.definition_id, d.stage_id, d.due_at, d.time_zone, d.generation, d.status, d.updated_at,
              org.name AS organisation_name, NULL AS own_due_at, NULL AS own_generation, NULL AS own_updated_at, NULL AS own_organisation_name,
              NULL AS own_status, c.snapshot->'context' AS context
         FROM deadlines d
         JOIN contributions c ON c.id = d.contribution_id
         LEFT JOIN organisations org ON org.id = d.organisation_id
        WHERE d.status IN ('pending', 'fired') AND d.due_at > now() - $1::interval
        ORDER BY d.due_at, d.id`,
      [HISTORY],
    );
  }
}
