import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { JobQueues } from '../queues/job-queues.service';
import { OutboxRow, planRelay } from './relay-plan.util';

/** The channel the outbox trigger notifies at commit (see the CreateSchedulingAndNotifications migration). */
export const OUTBOX_CHANNEL = 'ce_outbox';
/** How long a wake waits for more commits before claiming rows. */
const COALESCE_MS = 10;

/**
 * Moves committed outbox rows into BullMQ. Each batch is claimed with FOR UPDATE SKIP LOCKED, so
 * several relays share the work without taking the same rows; jobs are added with deterministic
 * ids (one addBulk per queue) and the rows marked published in the same transaction. A crash
 * between adding and marking rolls the claim back: the rows are relayed again, and the job ids
 * make the second add a no-op while the job exists (and the handlers make it harmless after).
 * It wakes on NOTIFY (sent at commit by a trigger on the outbox) and polls as a fallback.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private stopped = false;
  private readonly warnedTopics = new Set<string>();
  private lastFailureLog = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorker) return;
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.config.relayPollMs);
    this.timer.unref();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
  }

  /**
   * Drains soon; a wake during a drain makes the drain look again before it stops. Wakes are
   * gathered for a few milliseconds first: under load many commits notify, and one claim of
   * a hundred rows costs the database far less than a hundred claims of one.
   */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = new Promise<void>((resolve) => setTimeout(resolve, COALESCE_MS))
      .then(() => this.drain())
      .finally(() => {
        this.draining = undefined;
      });
  }

  /** Relays until nothing is left; failures are logged and left to the next wake. */
  async drain(): Promise<void> {
    try {
      do {
        this.wakeAgain = false;
        while ((await this.relayBatch()) === this.config.relayBatchSize && !this.stopped);
      } while (this.wakeAgain && !this.stopped);
    } catch (error) {
      // Redis or Postgres away: the claim rolled back; the next poll tries again.
      if (Date.now() - this.lastFailureLog > 10_000) {
        this.lastFailureLog = Date.now();
        this.logger.warn(`outbox relay paused: ${(error as Error).message}`);
      }
    }
  }

  /** Claims, publishes and marks one batch; returns its size. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows: OutboxRow[] = await em.query(
        `SELECT id::text AS id, topic, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.config.relayBatchSize],
      );
      if (rows.length === 0) return 0;
      const plan = planRelay(rows);
      await this.queues.enqueue(plan.add);
      if (plan.remove.length > 0) await this.queues.remove(plan.remove);
      for (const topic of plan.unknown) {
        if (this.warnedTopics.has(topic)) continue;
        this.warnedTopics.add(topic);
        this.logger.warn(`outbox topic "${topic}" has no job to schedule; its rows are marked published`);
      }
      await em.query(`UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: `consultation-engine-relay-${process.pid}` });
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      this.logger.warn(`outbox LISTEN connection lost (${error.message}); polling every ${this.config.relayPollMs} ms until it is back`);
      this.listener = undefined;
      void client.end().catch(() => undefined);
      this.listenLater();
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
    // Rows committed while nobody listened are picked up now rather than at the next poll.
    this.wake();
  }

  private listenLater(): void {
    if (this.stopped) return;
    setTimeout(() => void this.listen().catch(() => this.listenLater()), 1000).unref();
  }
}
