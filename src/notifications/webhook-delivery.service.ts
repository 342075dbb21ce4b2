import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import type { JobOutcome } from '../queues/job-catalogue';
import { SIGNATURE_HEADER, signBody } from './webhook-signature.util';

/**
 * POSTs one delivery to its subscription's URL, signed with HMAC-SHA256 over the raw body.
 * Each attempt is logged; a non-2xx answer or a network error throws, and BullMQ retries with
 * exponential backoff (WEBHOOK_ATTEMPTS, WEBHOOK_BACKOFF_MS) until the last attempt marks it failed.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  async deliver(deliveryId: string, finalAttempt: boolean): Promise<JobOutcome> {
    const [row]: Array<{ status: string; body: string; event: string; attempts: number; url: string; secret: string; disabled_at: Date | null }> =
      await this.dataSource.query(
        `SELECT d.status, d.body, d.event, d.attempts, s.url, s.secret, s.disabled_at
           FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.id = $1`,
        [deliveryId],
      );
    if (!row) return { status: 'skipped', detail: 'delivery gone' };
    if (row.status !== 'pending') return { status: 'skipped', detail: `already ${row.status}` };
    if (row.disabled_at) {
      await this.dataSource.query(`UPDATE webhook_deliveries SET status = 'cancelled', updated_at = now() WHERE id = $1`, [deliveryId]);
      return { status: 'skipped', detail: 'subscription removed' };
    }

    const attempt = row.attempts + 1;
    const started = performance.now();
    let statusCode: number | null = null;
    let failure: string | null = null;
    try {
      const response = await fetch(row.url, {
        method: 'POST',
        body: row.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.webhookTimeoutMs),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Consultation-Engine-Webhooks/1',
          [SIGNATURE_HEADER]: signBody(row.secret, row.body),
          'X-Consultation-Delivery': deliveryId,
          'X-Consultation-Event': row.event,
          'X-Consultation-Attempt': String(attempt),
        },
      });
      statusCode = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (statusCode < 200 || statusCode >= 300) failure = `answered HTTP ${statusCode}`;
    } catch (error) {
      failure = (error as Error).name === 'TimeoutError' ? `no answer within ${this.config.webhookTimeoutMs} ms` : (error as Error).message;
    }
    const durationMs = Math.round(performance.now() - started);
    const status = failure === null ? 'delivered' : finalAttempt ? 'failed' : 'pending';
    this.metrics.webhookDelivery(status === 'delivered' ? 'sent' : status === 'failed' ? 'failed' : 'retry');
    await this.dataSource.transaction(async (em) => {
      await em.query(`INSERT INTO webhook_delivery_attempts (delivery_id, attempt, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5)`, [
        deliveryId,
        attempt,
        statusCode,
        failure,
        durationMs,
      ]);
      await em.query(
        `UPDATE webhook_deliveries SET attempts = $2, last_status_code = $3, last_error = $4, status = $5,
                delivered_at = CASE WHEN $5 = 'delivered' THEN now() END, updated_at = now() WHERE id = $1`,
        [deliveryId, attempt, statusCode, failure, status],
      );
    });
    if (failure !== null) {
      if (status === 'failed') this.logger.warn(`webhook delivery ${deliveryId} to ${row.url} failed for good after ${attempt} attempts: ${failure}`);
      throw new Error(`webhook ${row.url} ${failure}`);
    }
    return { status: 'done', attempt };
  }
}
