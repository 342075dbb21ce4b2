import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import type { TransitionResult } from '../contributions/transition.types';
import { latenessSeconds, methodLabel, refusalCode, routeLabel, statusClassLabel } from './metric-labels.util';
import { processMetricsRegistry } from './process-metrics.registry';

export type TransitionKind = 'created' | 'transition' | 'noop';
export type DeadlineFiringOutcome = 'transition' | 'noop' | 'skipped' | 'failed';

const TRANSITION_KINDS: TransitionKind[] = ['created', 'transition', 'noop'];
const FIRING_OUTCOMES: DeadlineFiringOutcome[] = ['transition', 'noop', 'skipped', 'failed'];
const EMAIL_OUTCOMES = ['sent', 'logged', 'retry', 'failed'] as const;
const WEBHOOK_OUTCOMES = ['sent', 'retry', 'failed'] as const;
export type EmailOutcome = (typeof EMAIL_OUTCOMES)[number];
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

/**
 * The metrics of one application, in a registry of its own (never prom-client's global one:
 * jest runs several applications in one process, and each must count only its own work).
 * Counters whose label values are known up front start at 0, so `rate()` and `increase()` see
 * the first event instead of a series appearing out of nowhere.
 *
 * The transition path calls in here on every event: counter children bound once, histograms
 * without labels, no awaits, nothing allocated beyond what prom-client does itself.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'ce_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern (unmatched when no route answered) and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly transitions = new Counter({
    name: 'ce_transitions_total',
    help: 'Audit records committed by the transition path: created (a new contribution), transition, noop (a recorded no-op); idempotent replays are not counted',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly transitionsByKind = bind(TRANSITION_KINDS, (kind) => this.transitions.labels(kind));

  private readonly eventsRefused = new Counter({
    name: 'ce_events_refused_total',
    help: 'Events the transition path refused, once per request, by the error code the client got (internal: a fault, not a refusal)',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  /** Codes are the string enums of the domain exceptions: a small fixed set, bound on first use. */
  private readonly refusedByCode = new Map<string, Counter.Internal>();

  private readonly batchSize = new Histogram({
    name: 'ce_transition_batch_size',
    help: 'Events applied per committed transition transaction (concurrent events share one)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000],
    registers: [this.registry],
  });

  private readonly transactionSeconds = new Histogram({
    name: 'ce_transition_transaction_seconds',
    help: 'Duration of each committed transition transaction, first statement to commit',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  private readonly deadlineLateness = new Histogram({
    name: 'ce_deadline_lateness_seconds',
    help: 'From a deadline\'s due instant to the commit of its firing (transition or recorded no-op)',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });

  private readonly deadlineFirings = new Counter({
    name: 'ce_deadline_firings_total',
    help: 'Deadline jobs run: transition, noop (stale or stage already left), skipped (already recorded, contribution gone), failed (the attempt threw)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly firingsByOutcome = bind(FIRING_OUTCOMES, (outcome) => this.deadlineFirings.labels(outcome));

  private readonly notificationsSent = new Counter({
    name: 'ce_notifications_sent_total',
    help: 'E-mail and webhook delivery attempts: sent, logged (no SMTP_URL), retry (failed, will be retried), failed (last attempt failed)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly emailsByOutcome = bind(EMAIL_OUTCOMES, (outcome) => this.notificationsSent.labels('email', outcome));
  private readonly webhooksByOutcome = bind(WEBHOOK_OUTCOMES, (outcome) => this.notificationsSent.labels('webhook', outcome));


  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text: this application's metrics, then the process's. */
  async render(): Promise<string> {
    const [own, process] = await Promise.all([this.registry.metrics(), processMetricsRegistry().metrics()]);
    return `${own}\n${process}`;
  }

  /** `route` and `baseUrl` as Express left them on the request once the response finished. */
  observeHttp(method: string | undefined, route: unknown, baseUrl: string | undefined, statusCode: number, seconds: number): void {
    this.httpDuration.observe({ method: methodLabel(method), route: routeLabel(route, baseUrl), status_class: statusClassLabel(statusCode) }, seconds);
  }

  contributionCreated(): void {
    this.transitionsByKind.created.inc();
  }

  /** What the transition path answered for each request of a batch, once the batch (or its retries one by one) settled. */
  transitionsSettled(results: ReadonlyArray<PromiseSettledResult<TransitionResult>>): void {
    for (const result of results) {
      if (result.status === 'rejected') this.refused(result.reason);
      else if (!result.value.replayed) this.transitionsByKind[result.value.outcome.kind].inc();
    }
  }

  transactionCommitted(events: number, seconds: number): void {
    this.batchSize.observe(events);
    this.transactionSeconds.observe(seconds);
  }

  /** `dueAt` for a firing that committed: its lateness is observed too. */
  deadlineFired(outcome: DeadlineFiringOutcome, dueAt?: string): void {
    this.firingsByOutcome[outcome].inc();
    const lateness = dueAt === undefined ? undefined : latenessSeconds(dueAt, Date.now());
    if (lateness !== undefined) this.deadlineLateness.observe(lateness);
  }

  /** `logged`: no SMTP_URL, written to the log; `retry`: this attempt failed and the job will try again; `failed`: the last attempt failed. */
  emailDelivery(outcome: EmailOutcome): void {
    this.emailsByOutcome[outcome].inc();
  }

  webhookDelivery(outcome: WebhookOutcome): void {
    this.webhooksByOutcome[outcome].inc();
  }

  private refused(error: unknown): void {
    const code = refusalCode(error);
    let counter = this.refusedByCode.get(code);
    if (!counter) this.refusedByCode.set(code, (counter = this.eventsRefused.labels(code)));
    counter.inc();
  }
}

/** One child per label value, bound once and started at 0. */
export function bind<V extends string>(values: readonly V[], child: (value: V) => Counter.Internal): Record<V, Counter.Internal> {
  const children = {} as Record<V, Counter.Internal>;
  for (const value of values) {
    children[value] = child(value);
    children[value].inc(0);
  }
  return children;
}
