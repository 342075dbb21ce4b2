import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { Reader, renderCalendarEvent } from './message-render.util';
import { contributionPageUrl } from './contribution-page-url.util';

/** A stage deadline as the feed sees it, with the reader's organisation's own extension if any. */
export interface FeedDeadline {
  id: string;
  contributionId: string;
  contributionTitle: string;
  symbol: string | null;
  stageId: string;
  stageTitle: string;
  dueAt: Date;
  timeZone: string;
  generation: number;
  status: 'pending' | 'fired';
  updatedAt: Date;
  /** Set when the row itself is one organisation's extension (secretariat feeds list those apart). */
  forOrganisation?: string | null;
  /** An extension granted to one organisation (the reader's, or any for a secretariat feed). */
  own?: { dueAt: Date; generation: number; updatedAt: Date; organisationName: string | null };
}

export interface CalendarEntry {
  uid: string;
  sequence: number;
  dueAt: Date;
  stamp: Date;
  summary: string;
  description: string;
  url: string;
}

/**
 * One event per stage deadline, with a UID that never changes (the deadline row's id) and a
 * SEQUENCE that grows with every extension: the generation of the deadline, plus the generation
 * of the organisation's own extension when it has one (each extension bumps exactly one of them).
 * An organisation's own extension moves its event to the later of the two instants.
 */
export function calendarEntries(deadlines: FeedDeadline[], reader: Reader, baseUrl: string, host: string): CalendarEntry[] {
  return deadlines.map((deadline) => {
    const dueAt = deadline.own && deadline.own.dueAt > deadline.dueAt ? deadline.own.dueAt : deadline.dueAt;
    const url = contributionPageUrl(baseUrl, deadline.contributionId);
    const { summary, description } = renderCalendarEvent(
      {
        contribution: { id: deadline.contributionId, title: deadline.contributionTitle, symbol: deadline.symbol },
        stage: { id: deadline.stageId, title: deadline.stageTitle },
        dueAt,
        deadlineTimeZone: deadline.timeZone,
        forOrganisation: deadline.own?.organisationName ?? deadline.forOrganisation,
        link: url,
      },
      reader,
    );
    const stamps = [deadline.updatedAt, deadline.own?.updatedAt].filter((date): date is Date => date !== undefined);
    return {
      uid: `deadline-${deadline.id}@${host}`,
      sequence: deadline.generation + (deadline.own?.generation ?? 0),
      dueAt,
      stamp: new Date(Math.max(...stamps.map((date) => date.getTime()))),
      summary,
      description,
      url,
    };
  });
}

export function renderCalendar(name: string, entries: CalendarEntry[]): string {
  const calendar = ical({ name, prodId: { company: 'Consultation Engine', product: 'Deadlines', language: 'EN' }, method: ICalCalendarMethod.PUBLISH });
  for (const entry of entries) {
    calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      // A deadline is an instant, not a meeting: a zero-length event at the due time, in UTC.
      start: entry.dueAt,
      end: entry.dueAt,
      stamp: entry.stamp,
      summary: entry.summary,
      description: entry.description,
      url: entry.url,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
