import { Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuthException } from '../auth/auth.exception';
import { AuditTrailService } from '../audit/audit-trail.service';
import { MicroBatcher } from '../common/batching/micro-batcher';
import { AppConfig } from '../config/app-config';
import { TransitionRecord } from '../audit/entities/transition-record.entity';
import { MetricsService } from '../metrics/metrics.service';
import { CompiledWorkflow } from '../workflows/definition/compiled-workflow';
import { DEADLINE_EVENT_PREFIX } from '../workflows/definition/definition.types';
import { EngineEvent, EngineSnapshot } from '../workflows/definition/engine-machine.types';
import { WorkflowsService } from '../workflows/workflows.service';
import { AppliedTransitionContext, ContributionExtensions, TransitionContext } from './contribution-extensions';
import { ContributionException } from './contribution.exception';
import { lockContributions } from './contribution-rows.util';
import { FusedTransaction } from './fused-transaction';
import { Contribution } from './entities/contribution.entity';
import { resolveOccurredAt } from './occurred-at.util';
import { claimIdempotencyKeys, commitRecords, RecordToCommit, storeIdempotentResponse } from './transition-store.util';
import { NewContribution, TransitionOutcome, TransitionRequest, TransitionResult } from './transition.types';

export type { NewContribution, TransitionCommand, TransitionOptions, TransitionOutcome, TransitionRequest, TransitionResult } from './transition.types';

interface Entry {
  request: TransitionRequest;
  /** Position in the caller's list, so results come back in the caller's order. */
  index: number;
}

interface Prepared extends Entry {
  context: TransitionContext;
  definitionKey: string;
  definitionVersion: number;
}

/**
 * The one path by which a contribution changes. In one transaction: lock the row, check its
 * version, rehydrate the snapshot, refuse what the state does not accept, apply XState's pure
 * transition, let domain hooks write their rows, append the hash-chained record, write the
 * new snapshot and version, and queue outbox rows for whatever must happen after commit.
 *
 * The same code applies one event (`apply`) or a batch of engine events in one transaction
 * (`applyBatch`); each statement serves the whole batch.
 */
@Injectable()
export class TransitionService {
  private readonly concurrentEvents: MicroBatcher<TransitionRequest, TransitionResult>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly workflows: WorkflowsService,
    private readonly audit: AuditTrailService,
    private readonly extensions: ContributionExtensions,
    config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.concurrentEvents = new MicroBatcher({
      run: (requests) => this.applyBatch(requests),
      maxItems: config.eventBatchSize,
      maxWaitMs: 0,
      maxInFlight: config.eventTransactions,
    });
  }

  async create(input: NewContribution, actor: Actor): Promise<TransitionOutcome> {
    const entity = await this.workflows.resolve(input.workflow, input.workflowVersion);
    const workflow = this.workflows.compile(entity);
    const recordedAt = new Date();
    const occurredAt = resolveOccurredAt(input.occurredAt, actor, recordedAt);
    const snapshot = workflow.initialSnapshot();
    const stages = workflow.activeStages(snapshot.value);
    const metadata = {
      symbol: input.symbol ?? null,
      title: input.title,
      source: input.source ?? null,
      originalLanguage: input.originalLanguage ?? null,
      agendaItem: input.agendaItem ?? null,
      purpose: input.purpose ?? null,
      actionRequired: input.actionRequired ?? null,
    };
    const payload: Record<string, unknown> = { ...metadata };
    if (input.deadline !== undefined) payload.deadline = input.deadline;
    if (input.deadlines !== undefined) payload.deadlines = input.deadlines;

    try {
      const started = performance.now();
      const outcome = await this.dataSource.transaction(async (em) => {
        const contribution = em.getRepository(Contribution).create({
          id: randomUUID(),
          definitionId: entity.id,
          ...metadata,
          snapshot: workflow.persist(snapshot),
          currentStages: workflow.currentStages(snapshot.value),
          status: 'active',
          version: 1,
          headSeq: 0,
          headHash: null,
          createdBy: actor.personId,
        });
        await em.getRepository(Contribution).insert(contribution as never);

        const context: AppliedTransitionContext = {
          em,
          contribution,
          workflow,
          actor,
          event: { type: 'CREATE', payload, actor: { role: engineRole(actor) }, organisationId: null },
          occurredAt,
          recordedAt,
          before: snapshot,
          fromStages: [],
          details: {},
          outbox: [],
          after: snapshot,
          toStages: stages,
          entered: stages,
          exited: [],
          version: 1,
          creation: true,
        };
        await this.extensions.afterTransitions([context]);
        const record = this.chainRecord(context, 'created', input.reason ?? null, entity.key, entity.version);
        await commitRecords((sql, params) => em.query(sql, params), [{ record, outbox: context.outbox }]);
        contribution.headSeq = record.seq;
        contribution.headHash = record.hash;
        return { kind: 'created' as const, contribution, record, workflow, snapshot };
      });
      this.metrics.transactionCommitted(1, (performance.now() - started) / 1000);
      this.metrics.contributionCreated();
      return outcome;
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string })?.constraint === 'contributions_symbol_key') {
        throw ContributionException.symbolTaken(String(input.symbol));
      }
      throw error;
    }
  }

  /**
   * Applies one event. Events sent at the same moment (concurrent requests) share a transaction:
   * a lone event goes at once, alone; while transactions are in flight, newcomers gather into the
   * next one. One commit and two round trips then serve many transitions (measured with `npm run bench`).
   */
  async apply(contributionId: string, command: TransitionRequest['command'], actor: Actor, options: TransitionRequest['options'] = {}): Promise<TransitionResult> {
    return this.concurrentEvents.submit({ contributionId, command, actor, options });
  }

  /**
   * Applies many events in ONE transaction (one commit for all), each exactly as if alone. If any
   * of them fails, the batch rolls back and each is applied on its own instead, so one bad event
   * cannot hold the others back and each caller gets its own answer.
   */
  async applyBatch(requests: TransitionRequest[]): Promise<Array<PromiseSettledResult<TransitionResult>>> {
    // Counted here, on what each caller gets, so a refused event that sank its batch counts once, not again on its retry alone.
    if (requests.length === 1) return this.counted(await Promise.allSettled([this.applyAlone(requests[0])]));
    try {
      const results = await this.inTransaction(requests.length, (tx) => this.applyAll(tx, requests));
      return this.counted(results.map((value) => ({ status: 'fulfilled' as const, value })));
    } catch {
      return this.counted(await Promise.allSettled(requests.map((request) => this.applyAlone(request))));
    }
  }

  private counted(results: Array<PromiseSettledResult<TransitionResult>>): Array<PromiseSettledResult<TransitionResult>> {
    this.metrics.transitionsSettled(results);
    return results;
  }

  private async applyAlone(request: TransitionRequest): Promise<TransitionResult> {
    const [result] = await this.inTransaction(1, (tx) => this.applyAll(tx, [request]));
    return result;
  }

  private async inTransaction<T>(events: number, work: (tx: FusedTransaction) => Promise<T>): Promise<T> {
    const tx = await FusedTransaction.start(this.dataSource);
    // Timed from here, not before the pool handed out the connection: waiting for one is not the transaction's cost.
    const started = performance.now();
    try {
      const result = await work(tx);
      await tx.commit();
      this.metrics.transactionCommitted(events, (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      await tx.rollback().catch(() => undefined);
      throw error;
    } finally {
      tx.release();
    }
  }

  /** A contribution appears at most once per pass; a repeat waits for the next pass and sees the first one's effect. */
  private async applyAll(tx: FusedTransaction, requests: TransitionRequest[]): Promise<TransitionResult[]> {
    const results: TransitionResult[] = new Array(requests.length);
    let remaining: Entry[] = requests.map((request, index) => ({ request, index }));
    while (remaining.length > 0) {
      const pass: Entry[] = [];
      const later: Entry[] = [];
      const seen = new Set<string>();
      for (const entry of remaining) {
        (seen.has(entry.request.contributionId) ? later : pass).push(entry);
        seen.add(entry.request.contributionId);
      }
      await this.applyPass(tx, pass, results, later.length === 0);
      remaining = later;
    }
    return results;
  }

  private async applyPass(tx: FusedTransaction, entries: Entry[], results: TransitionResult[], lastPass: boolean): Promise<void> {
    const { em } = tx;
    const live = await this.claimKeys(tx, entries, results);
    if (live.length === 0) return;
    const rows = await lockContributions(
      tx.query,
      [...new Set(live.map((entry) => entry.request.contributionId))].sort(),
    );

    const prepared: Prepared[] = [];
    for (const entry of live) prepared.push(await this.prepare(em, entry, rows.get(entry.request.contributionId)));
    // The machine decides first: a payload is only worth validating for an event the state accepts.
    await this.extensions.beforeTransitions(prepared.filter((p) => !p.context.noop).map((p) => p.context));

    const applied: Array<Prepared & { context: AppliedTransitionContext }> = [];
    for (const item of prepared) {
      const { context } = item;
      if (context.noop) continue;
      const after = context.workflow.apply(context.before, context.event);
      const toStages = context.workflow.activeStages(after.value);
      applied.push({
        ...item,
        context: Object.assign(context, {
          after,
          toStages,
          entered: toStages.filter((id) => !context.fromStages.includes(id)),
          exited: context.fromStages.filter((id) => !toStages.includes(id)),
          version: context.contribution.version + 1,
          creation: false,
        }) as AppliedTransitionContext,
      });
    }
    await this.extensions.afterTransitions(applied.map((item) => item.context));

    const commits: Array<RecordToCommit & { item: Prepared; after: EngineSnapshot }> = prepared.map((item) => {
      const { context } = item;
      const reason = item.request.command.reason ?? null;
      if (context.noop) {
        context.details.noop = context.noop.reason;
        const record = this.chainRecord({ ...context, toStages: context.fromStages, version: context.contribution.version }, 'noop', reason, item.definitionKey, item.definitionVersion);
        return { item, record, outbox: context.outbox, after: context.before };
      }
      const appliedContext = context as AppliedTransitionContext;
      const record = this.chainRecord(appliedContext, 'transition', reason, item.definitionKey, item.definitionVersion);
      return {
        item,
        record,
        outbox: context.outbox,
        after: appliedContext.after,
        moved: {
          snapshot: context.workflow.persist(appliedContext.after),
          currentStages: context.workflow.currentStages(appliedContext.after.value),
          status: appliedContext.after.status === 'done' ? 'done' : 'active',
          version: appliedContext.version,
        },
      };
    });
    // Nothing else to write after this statement: COMMIT goes with it.
    const rendersLater = commits.some(({ item }) => item.request.options?.idempotencyKey && item.request.options.render);
    await commitRecords(lastPass && !rendersLater ? tx.queryAndCommit : tx.query, commits);

    for (const { item, record, after, moved } of commits) {
      const { contribution, workflow } = item.context;
      Object.assign(contribution, { headSeq: record.seq, headHash: record.hash }, moved ? { ...moved, updatedAt: item.context.recordedAt } : {});
      const outcome: TransitionOutcome = { kind: moved ? 'transition' : 'noop', contribution, record, workflow, snapshot: after };
      const { idempotencyKey, render } = item.request.options ?? {};
      let response: unknown;
      if (idempotencyKey && render) {
        response = await render(outcome, em);
        await storeIdempotentResponse(tx.query, idempotencyScope(item.request.actor), idempotencyKey, response);
      }
      results[item.index] = { replayed: false, outcome, response };
    }
  }

  /** Claims the entries' idempotency keys; a key already used answers with its first result. */
  private async claimKeys(tx: FusedTransaction, entries: Entry[], results: TransitionResult[]): Promise<Entry[]> {
    const keyed = entries.filter((entry) => entry.request.options?.idempotencyKey);
    if (keyed.length === 0) return entries;
    const hashes = keyed.map(({ request }) => hashRequest(request));
    const previous = await claimIdempotencyKeys(
      tx.query,
      keyed.map(({ request }, i) => ({ scope: idempotencyScope(request.actor), key: request.options!.idempotencyKey!, requestHash: hashes[i], contributionId: request.contributionId })),
    );
    const replayed = new Set<Entry>();
    keyed.forEach((entry, i) => {
      const first = previous[i];
      if (!first) return;
      if (first.requestHash !== hashes[i]) throw ContributionException.idempotencyKeyReused();
      results[entry.index] = { replayed: true, response: first.response };
      replayed.add(entry);
    });
    return entries.filter((entry) => !replayed.has(entry));
  }

  private async prepare(em: EntityManager, entry: Entry, contribution: Contribution | undefined): Promise<Prepared> {
    const { contributionId, command, actor, options = {} } = entry.request;
    if (!contribution) throw ContributionException.notFound(contributionId);
    if (options.expectedVersion !== undefined && options.expectedVersion !== contribution.version) {
      throw ContributionException.versionMismatch(options.expectedVersion, contribution.version);
    }
    const definition = await this.workflows.resolve(contribution.definitionId, undefined, em);
    const workflow = this.workflows.compile(definition);
    const before = workflow.restore(contribution.snapshot);
    const recordedAt = new Date();
    const occurredAt = resolveOccurredAt(command.occurredAt, actor, recordedAt);
    const event: EngineEvent = {
      type: command.type,
      payload: command.payload ?? {},
      actor: { role: engineRole(actor), organisationId: actor.organisationId },
      organisationId: await this.subjectOrganisation(em, command, actor),
    };
    this.checkSender(workflow, event, actor, before);
    const context: TransitionContext = {
      em,
      contribution,
      workflow,
      actor,
      event,
      occurredAt,
      recordedAt,
      before,
      fromStages: workflow.activeStages(before.value),
      details: {},
      outbox: [],
    };
    if (!workflow.accepts(before, event)) {
      if (!options.noopIfNotAccepted) {
        throw ContributionException.eventNotAllowed(event.type, workflow.currentStages(before.value), workflow.allowedEvents(before));
      }
      context.noop = { reason: `${event.type} no longer applies: current stages are ${workflow.currentStages(before.value).join(', ') || 'none'}` };
    }
    return { ...entry, context, definitionKey: definition.key, definitionVersion: definition.version };
  }

  /** Who may send this event at all, regardless of the current stage: 403 before 409. */
  private checkSender(workflow: CompiledWorkflow, event: EngineEvent, actor: Actor, snapshot: EngineSnapshot): void {
    if (event.type.startsWith(DEADLINE_EVENT_PREFIX) && actor.role !== 'system') {
      throw AuthException.forbiddenRole(actor.role, ['system (deadline events are sent by the engine; use CLOSE_… events or EXTEND_DEADLINE)']);
    }
    const senders = workflow.senders.get(event.type);
    if (!senders) {
      throw ContributionException.eventNotAllowed(event.type, workflow.currentStages(snapshot.value), workflow.allowedEvents(snapshot), `not an event of workflow ${workflow.definition.key}`);
    }
    if (actor.role !== 'system' && !senders.has(actor.role as never)) {
      throw AuthException.forbiddenRole(actor.role, [...senders].filter((role) => role !== 'system'));
    }
  }

  /** The organisation an event is about: a participant's own; a secretariat may name one. */
  private async subjectOrganisation(em: EntityManager, command: TransitionRequest['command'], actor: Actor): Promise<string | null> {
    const named = command.payload?.organisationId;
    if (named !== undefined && typeof named !== 'string') throw ContributionException.invalidEvent('payload.organisationId', 'must be an organisation id (UUID)');
    if (actor.role === 'participant') {
      if (named !== undefined && named !== actor.organisationId) {
        throw AuthException.wrongOrganisation(`you act for ${actor.organisationName ?? 'your own organisation'} only; leave payload.organisationId out or use your own`);
      }
      return actor.organisationId;
    }
    if (named === undefined) return null;
    if (!/^[0-9a-f-]{36}$/i.test(named)) throw ContributionException.invalidEvent('payload.organisationId', 'must be an organisation id (UUID)');
    const [found] = await em.query('SELECT 1 FROM organisations WHERE id = $1', [named]);
    if (!found) throw ContributionException.invalidEvent('payload.organisationId', `no organisation ${named}; create it first`);
    return named;
  }

  private chainRecord(
    context: TransitionContext & { toStages: string[]; version: number },
    kind: 'created' | 'transition' | 'noop',
    reason: string | null,
    definitionKey: string,
    definitionVersion: number,
  ): TransitionRecord {
    return this.audit.chain(context.contribution, {
      contributionId: context.contribution.id,
      kind,
      eventType: context.event.type,
      fromStages: context.fromStages,
      toStages: context.toStages,
      payload: context.event.payload ?? {},
      details: context.details,
      actorPersonId: context.actor.personId,
      actorName: context.actor.name,
      actorRole: context.actor.role,
      actorOrganisationId: context.actor.organisationId,
      actorOrganisationName: context.actor.organisationName,
      organisationId: context.event.organisationId ?? null,
      reason,
      occurredAt: context.occurredAt,
      recordedAt: context.recordedAt,
      definitionId: context.contribution.definitionId,
      definitionKey,
      definitionVersion,
      contributionVersion: context.version,
    });
  }
}

function engineRole(actor: Actor): EngineEvent['actor']['role'] {
  // Auditors never reach the transition path (routes refuse them); treat anything else as its role.
  return actor.role === 'auditor' ? 'participant' : actor.role;
}

function idempotencyScope(actor: Actor): string {
  return actor.personId ?? 'system';
}

function hashRequest({ contributionId, command, options }: TransitionRequest): string {
  const canonical = canonicalize({
    contributionId,
    type: command.type,
    payload: command.payload ?? {},
    occurredAt: command.occurredAt?.toISOString() ?? null,
    reason: command.reason ?? null,
    expectedVersion: options?.expectedVersion ?? null,
  });
  return createHash('sha256').update(canonical ?? '', 'utf8').digest('hex');
}
