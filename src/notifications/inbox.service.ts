import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationException } from './notification.exception';

export interface InboxItem {
  id: string;
  kind: string;
  subject: string;
  body: string;
  language: string;
  contributionId: string | null;
  deadlineId: string | null;
  organisationId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
  email: { to: string | null; status: string; sentAt: string | null };
}

interface InboxRow {
  id: string;
  kind: string;
  subject: string;
  body: string;
  language: string;
  contribution_id: string | null;
  deadline_id: string | null;
  organisation_id: string | null;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
  email_to: string | null;
  email_status: string;
  email_sent_at: Date | null;
}

/** One person's notifications, newest first; only ever their own. */
@Injectable()
export class InboxService {
  constructor(private readonly dataSource: DataSource) {}

  async list(personId: string, options: { unreadOnly: boolean; limit: number }): Promise<{ items: InboxItem[]; unread: number }> {
    const rows: InboxRow[] = await this.dataSource.query(
      `SELECT id, kind, subject, body, language, contribution_id, deadline_id, organisation_id, data, created_at, read_at, email_to, email_status, email_sent_at
         FROM notifications WHERE person_id = $1 AND ($2::boolean IS FALSE OR read_at IS NULL)
        ORDER BY created_at DESC, id LIMIT $3`,
      [personId, options.unreadOnly, options.limit],
    );
    const [{ unread }] = await this.dataSource.query(`SELECT count(*)::int AS unread FROM notifications WHERE person_id = $1 AND read_at IS NULL`, [personId]);
    return { items: rows.map(inboxItem), unread };
  }

  async markRead(personId: string, id: string): Promise<{ id: string; readAt: string }> {
    const [row]: Array<{ read_at: Date }> = await this.dataSource.query(
      // A CTE, because TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH marked AS (UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND person_id = $2 RETURNING read_at)
       SELECT read_at FROM marked`,
      [id, personId],
    );
    if (!row) throw NotificationException.notificationNotFound(id);
    return { id, readAt: row.read_at.toISOString() };
  }

  async markAllRead(personId: string): Promise<{ marked: number }> {
    const [{ marked }] = await this.dataSource.query(
      `WITH marked AS (UPDATE notifications SET read_at = now() WHERE person_id = $1 AND read_at IS NULL RETURNING id) SELECT count(*)::int AS marked FROM marked`,
      [personId],
    );
    return { marked };
  }
}

function inboxItem(row: InboxRow): InboxItem {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    body: row.body,
    language: row.language,
    contributionId: row.contribution_id,
    deadlineId: row.deadline_id,
    organisationId: row.organisation_id,
    data: row.data,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
    email: { to: row.email_to, status: row.email_status, sentAt: row.email_sent_at?.toISOString() ?? null },
  };
}
