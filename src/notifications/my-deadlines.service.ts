import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { Actor } from '../auth/actor';
import { stageFacts } from '../scheduling/reminder-recipients.util';
import { WorkflowsService } from '../workflows/workflows.service';
import { CalendarService, FeedRow } from './calendar.service';

export interface MyDeadline {
  /** The stage's deadline (the calendar event's UID is built from it). */
  id: string;
  contribution: { id: string; symbol: string | null; title: string };
  stage: { id: string; title: string };
  /** The instant that applies to the reader: an organisation's own extension when it is later. */
  dueAt: string;
  /** The deadline's own, authoritative zone. */
  timeZone: string;
  dueLocal: string;
  status: 'pending' | 'passed';
  /** Set when the date is one organisation's own extension rather than everyone's. */
  forOrganisation: string | null;
  /** Participants: whether their organisation has acted in the stage (responded or endorsed); null for other roles. */
  acted: boolean | null;
}

/**
 * "What is due for me", as JSON: the same deadlines as the person's calendar feed (a participant's
 * are the stages its organisation is invited to or holds its own extension in), so the inbox page
 * and the calendar never disagree.
 */
@Injectable()
export class MyDeadlinesService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly workflows: WorkflowsService,
  ) {}

  async list(actor: Actor, options: { includePassed: boolean }): Promise<{ organisation: { id: string; name: string | null } | null; items: MyDeadline[] }> {
    const participant = actor.role === 'participant' && actor.organisationId ? actor.organisationId : null;
    const items: MyDeadline[] = [];
    for (const row of await this.calendar.rows(actor)) {
      const workflow = await this.workflows.compiledById(row.definition_id);
      const item = view(row, participant, workflow.stage(row.stage_id)?.title ?? row.stage_id);
      if (options.includePassed || item.status === 'pending') items.push(item);
    }
    items.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
    return { organisation: participant ? { id: participant, name: actor.organisationName } : null, items };
  }
}

function view(row: FeedRow, participant: string | null, stageTitle: string): MyDeadline {
  // The own extension is always later than the general date when granted; the comparison keeps an
  // older, earlier one (superseded by a general extension) from hiding the general date.
  const own = row.own_due_at && row.own_due_at > row.due_at ? { dueAt: row.own_due_at, status: row.own_status ?? row.status } : null;
  const dueAt = own?.dueAt ?? row.due_at;
  const status = own?.status ?? row.status;
  const facts = participant ? stageFacts(row.context ?? undefined, row.stage_id) : null;
  return {
    id: row.id,
    contribution: { id: row.contribution_id, symbol: row.symbol, title: row.title },
    stage: { id: row.stage_id, title: stageTitle },
    dueAt: dueAt.toISOString(),
    timeZone: row.time_zone,
    dueLocal: DateTime.fromJSDate(dueAt, { zone: row.time_zone }).toISO()!,
    status: status === 'pending' ? 'pending' : 'passed',
    forOrganisation: own ? row.own_organisation_name : row.organisation_name,
    acted: facts && participant ? facts.responded.includes(participant) || facts.endorsed.includes(participant) : null,
  };
}
