import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuthException } from '../auth/auth.exception';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { NotificationException } from './notification.exception';
import { generateWebhookSecret } from './webhook-signature.util';

export interface WebhookView {
  id: string;
  organisationId: string;
  url: string;
  events: string[];
  createdAt: string;
  disabledAt: string | null;
}

interface SubscriptionRow {
  id: string;
  organisation_id: string;
  url: string;
  events: string[];
  created_at: Date;
  disabled_at: Date | null;
}

/**
 * Per-organisation webhook subscriptions. A participant manages their own organisation's; a
 * secretariat any organisation's; an auditor reads them and their delivery logs. The secret is
 * shown once, at creation.
 */
@Injectable()
export class WebhooksService {
  constructor(private readonly dataSource: DataSource) {}

  async create(actor: Actor, body: CreateWebhookDto): Promise<WebhookView & { secret: string }> {
    const organisationId = await this.organisationFor(actor, body.organisationId);
    const secret = body.secret ?? generateWebhookSecret();
    const [row]: SubscriptionRow[] = await this.dataSource.query(
      `INSERT INTO webhook_subscriptions (organisation_id, url, secret, events, created_by) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, organisation_id, url, events, created_at, disabled_at`,
      [organisationId, body.url, secret, body.events ?? [], actor.personId],
    );
    return { ...view(row), secret };
  }

  async list(actor: Actor, organisationId?: string): Promise<WebhookView[]> {
    const scope = actor.role === 'participant' ? actor.organisationId : (organisationId ?? null);
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `SELECT id, organisation_id, url, events, created_at, disabled_at FROM webhook_subscriptions
        WHERE ($1::uuid IS NULL OR organisation_id = $1) ORDER BY created_at, id`,
      [scope],
    );
    return rows.map(view);
  }

  async disable(actor: Actor, id: string): Promise<void> {
    const subscription = await this.visible(actor, id);
    await this.dataSource.query(`UPDATE webhook_subscriptions SET disabled_at = coalesce(disabled_at, now()) WHERE id = $1`, [subscription.id]);
  }

  /** The delivery log: every delivery with each attempt (when, HTTP status, error, duration). */
  async deliveries(actor: Actor, id: string, limit: number) {
    const subscription = await this.visible(actor, id);
    const rows: Array<{
      id: string;
      event: string;
      status: string;
      attempts: number;
      last_status_code: number | null;
      last_error: string | null;
      created_at: Date;
      delivered_at: Date | null;
      body: string;
      log: Array<{ attempt: number; attempted_at: string; status_code: number | null; error: string | null; duration_ms: number }> | null;
    }> = await this.dataSource.query(
      `SELECT d.id, d.event, d.status, d.attempts, d.last_status_code, d.last_error, d.created_at, d.delivered_at, d.body,
              (SELECT json_agg(a ORDER BY a.attempt) FROM (SELECT attempt, attempted_at, status_code, error, duration_ms
                 FROM webhook_delivery_attempts WHERE delivery_id = d.id) a) AS log
         FROM webhook_deliveries d WHERE d.subscription_id = $1 ORDER BY d.created_at DESC, d.id LIMIT $2`,
      [subscription.id, limit],
    );
    return {
      subscription: view(subscription),
      items: rows.map((row) => ({
        id: row.id,
        event: row.event,
        status: row.status,
        attempts: (row.log ?? []).map((attempt) => ({
          attempt: attempt.attempt,
          at: new Date(attempt.attempted_at).toISOString(),
          statusCode: attempt.status_code,
          error: attempt.error,
          durationMs: attempt.duration_ms,
        })),
        lastStatusCode: row.last_status_code,
        lastError: row.last_error,
        createdAt: row.created_at.toISOString(),
        deliveredAt: row.delivered_at?.toISOString() ?? null,
        body: JSON.parse(row.body) as unknown,
      })),
    };
  }

  private async visible(actor: Actor, id: string): Promise<SubscriptionRow> {
    const [row]: SubscriptionRow[] = await this.dataSource.query(
      `SELECT id, organisation_id, url, events, created_at, disabled_at FROM webhook_subscriptions WHERE id = $1`,
      [id],
    );
    if (!row || (actor.role === 'participant' && row.organisation_id !== actor.organisationId)) throw NotificationException.webhookNotFound(id);
    return row;
  }

  private async organisationFor(actor: Actor, named: string | undefined): Promise<string> {
    if (actor.role === 'participant') {
      if (named !== undefined && named !== actor.organisationId) {
        throw AuthException.wrongOrganisation(`you act for ${actor.organisationName ?? 'your own organisation'} only; leave organisationId out or use your own`);
      }
      return actor.organisationId!;
    }
    if (!named) throw NotificationException.invalidWebhook('organisationId', 'name the organisation the subscription is for');
    const [found] = await this.dataSource.query('SELECT 1 FROM organisations WHERE id = $1', [named]);
    if (!found) throw NotificationException.invalidWebhook('organisationId', `no organisation ${named}`);
    return named;
  }
}

function view(row: SubscriptionRow): WebhookView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    url: row.url,
    events: row.events,
    createdAt: row.created_at.toISOString(),
    disabledAt: row.disabled_at?.toISOString() ?? null,
  };
}
