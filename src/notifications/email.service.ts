import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import type { JobOutcome } from '../queues/job-catalogue';

/**
 * Sends an inbox entry by e-mail over SMTP (SMTP_URL). Without SMTP_URL the message is written to
 * the log and marked "logged", so a local run shows what would have been sent. Delivery is
 * at-least-once: a crash after the SMTP server accepted the message and before it is marked
 * sent would send it again when the job is retried.
 */
@Injectable()
export class EmailService implements OnModuleDestroy {
  private readonly logger = new Logger(EmailService.name);
  private readonly transport?: Transporter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    if (config.smtpUrl) this.transport = createTransport(config.smtpUrl);
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  async send(notificationId: string, finalAttempt: boolean): Promise<JobOutcome> {
    const [row]: Array<{ subject: string; body: string; email_to: string | null; email_status: string }> = await this.dataSource.query(
      `SELECT subject, body, email_to, email_status FROM notifications WHERE id = $1`,
      [notificationId],
    );
    if (!row) return { status: 'skipped', detail: 'notification gone' };
    if (row.email_status !== 'pending' || !row.email_to) return { status: 'skipped', detail: `e-mail already ${row.email_status}` };
    if (!this.transport) {
      this.logger.log(`e-mail to ${row.email_to} (not sent: SMTP_URL is not set): ${row.subject}`);
      this.metrics.emailDelivery('logged');
      await this.mark(notificationId, 'logged');
      return { status: 'done', detail: 'logged' };
    }
    try {
      await this.transport.sendMail({
        from: this.config.mailFrom,
        to: row.email_to,
        subject: row.subject,
        text: row.body,
        headers: { 'X-Consultation-Notification': notificationId },
      });
    } catch (error) {
      this.metrics.emailDelivery(finalAttempt ? 'failed' : 'retry');
      if (finalAttempt) await this.mark(notificationId, 'failed', (error as Error).message);
      throw error;
    }
    this.metrics.emailDelivery('sent');
    await this.mark(notificationId, 'sent');
    this.logger.log(`e-mail sent to ${row.email_to}: ${row.subject}`);
    return { status: 'done' };
  }

  private async mark(id: string, status: 'sent' | 'logged' | 'failed', error?: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET email_status = $2, email_sent_at = CASE WHEN $2 IN ('sent', 'logged') THEN now() END, email_error = $3 WHERE id = $1`,
      [id, status, error ?? null],
    );
  }
}
