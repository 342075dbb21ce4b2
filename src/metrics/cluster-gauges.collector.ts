import { Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { JobQueues } from '../queues/job-queues.service';
import { LATE_AFTER_MS } from '../scheduling/deadline-firing.service';
import { bind, MetricsService } from './metrics.service';

type ScrapeSource = 'postgres' | 'redis';

/** Job states an operator acts on; completed jobs are history, not load. */
const JOB_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/** Well inside Prometheus's default 10 s scrape timeout, so a hung source costs its gauges, not the scrape. */
const SOURCE_TIMEOUT_MS = 2000;

interface DatabaseFigures {
  pending: number;
  overdue: number;
  unpublished: number;
  oldestAge: number;
}

interface ClusterFigures {
  database?: DatabaseFigures;
  queues?: Array<{ queue: string; counts: Record<string, number> }>;
}

/**
 * Gauges read from Postgres and Redis when Prometheus scrapes, so every process reports the
 * same numbers whichever worker did the work. One scrape costs one statement and one
 * `getJobCounts` per queue, shared by the gauges of the scrape. The statement's four subqueries
 * read only the partial indexes of what is pending (`deadlines_pending_due_idx`,
 * `outbox_unpublished_idx`; checked with EXPLAIN), so a scrape costs in proportion to the
 * backlog, not to the history. A source that fails or does not answer in time leaves its gauges
 * out of that scrape (rather than reporting a reassuring 0) and counts in
 * `ce_scrape_errors_total`; the rest of the scrape is served.
 */
@Injectable()
export class ClusterGaugesCollector {
  private readonly logger = new Logger(ClusterGaugesCollector.name);
  private reading?: Promise<ClusterFigures>;
  private readonly scrapeErrors: Record<ScrapeSource, Counter.Internal>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
    metrics: MetricsService,
  ) {
    const registers = [metrics.registry];
    const collector = this;
    const errors = new Counter({
      name: 'ce_scrape_errors_total',
      help: 'Scrapes that could not read the cluster gauges of a source (postgres, redis) in time; those gauges are left out of that scrape',
      labelNames: ['source'] as const,
      registers,
      // Rendered once this scrape's reading is over, so a failure shows in the scrape it spoiled.
      async collect() {
        await collector.figures();
      },
    });
    this.scrapeErrors = bind(['postgres', 'redis'], (source) => errors.labels(source));
    const databaseGauge = (name: string, help: string, pick: (figures: DatabaseFigures) => number) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          const { database } = await collector.figures();
          if (database) this.set(pick(database));
          else this.remove();
        },
      });
    databaseGauge('ce_deadlines_pending', 'Deadlines still pending (not yet fired or cancelled)', (f) => f.pending);
    databaseGauge(
      'ce_deadlines_overdue',
      `Pending deadlines whose due instant passed more than ${LATE_AFTER_MS / 1000} s ago: 0 in a healthy system; alert when above`,
      (f) => f.overdue,
    );
    databaseGauge('ce_outbox_unpublished', 'Outbox rows not yet relayed to the queues', (f) => f.unpublished);
    databaseGauge('ce_outbox_oldest_unpublished_age_seconds', 'Age of the oldest outbox row not yet relayed; 0 when there is none', (f) => f.oldestAge);
    new Gauge({
      name: 'ce_queue_jobs',
      help: 'BullMQ jobs per queue and state (waiting, delayed, active, failed)',
      labelNames: ['queue', 'state'] as const,
      registers,
      async collect() {
        const { queues } = await collector.figures();
        this.reset();
        for (const { queue, counts } of queues ?? []) for (const state of JOB_STATES) this.set({ queue, state }, counts[state] ?? 0);
      },
    });
  }

  /** Every gauge of one scrape (and of scrapes running at the same time) waits on the same reading. */
  private figures(): Promise<ClusterFigures> {
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<ClusterFigures> {
    const [database, queues] = await Promise.all([
      this.attempt('postgres', () => this.readDatabase()),
      this.attempt('redis', () => this.readQueues()),
    ]);
    return { database, queues };
  }

  private async readDatabase(): Promise<DatabaseFigures> {
    const [row]: Array<{ pending: number; overdue: number; unpublished: number; oldest_age: number | null }> = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM deadlines WHERE status = 'pending')::float8 AS pending,
              (SELECT count(*) FROM deadlines WHERE status = 'pending' AND due_at < now() - make_interval(secs => $1))::float8 AS overdue,
              (SELECT count(*) FROM outbox WHERE published_at IS NULL)::float8 AS unpublished,
              -- ids grow with time: the lowest unpublished id is the oldest row, found on the index without reading the others
              (SELECT greatest(0, extract(epoch FROM now() - created_at)) FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT 1)::float8 AS oldest_age`,
      [LATE_AFTER_MS / 1000],
    );
    return { pending: row.pending, overdue: row.overdue, unpublished: row.unpublished, oldestAge: row.oldest_age ?? 0 };
  }

  private readQueues(): Promise<Array<{ queue: string; counts: Record<string, number> }>> {
    return Promise.all(this.queues.all().map(async (queue) => ({ queue: queue.name, counts: await queue.getJobCounts(...JOB_STATES) })));
  }

  private async attempt<T>(source: ScrapeSource, read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await withTimeout(read(), SOURCE_TIMEOUT_MS);
    } catch (error) {
      this.scrapeErrors[source].inc();
      this.logger.warn(`metrics: the ${source} gauges are left out of this scrape: ${(error as Error).message}`);
      return undefined;
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
