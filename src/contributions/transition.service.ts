import { Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Actor } from '../auth/actor';
import { AuthException } from '../auth/auth.exception';
import { AuditTrailService, RECORD_COLUMNS, recordValues } from '../audit/audit-trail.service';
import { TransitionRecord } from '../audit/entities/transition-record.entity';
import { CompiledWorkflow } from '../workflows/definition/compiled-workflow';
import { DEADLINE_EVENT_PREFIX } from '../workflows/definition/definition.types';
import { EngineEvent, EngineSnapshot } from '../workflows/definition/engine-machine.types';
import { WorkflowsService } from '../workflows/workflows.service';
import { AppliedTransitionContext, ContributionExtensions, OutboxEntry, TransitionContext } from './contribution-extensions';
import { ContributionException } from './contribution.exception';
import { lockContribution } from './contribution-rows.util';
import { Contribution } from './entities/contribution.entity';
import { resolveOccurredAt } from './occurred-at.util';

/** Every committed record also queues this, for whatever reacts to transitions (notifications, caches). */
export const TRANSITION_RECORDED_TOPIC = 'transition.recorded';
const RECORD_VALUE_COUNT = 23;

export interface TransitionCommand {
  type: string;
  payload?: Record<string, unknown>;
  occurredAt?: Date;
  reason?: string | null;
}

export interface TransitionOptions {
  /** If-Match: refuse (409) unless the contribution is at this version. */
  expectedVersion?: number;
  /** A retry with the same key returns the first response and changes nothing. */
  idempotencyKey?: string;
  /** Builds the response stored for idempotent replays; runs inside the transaction. */
  render?: (outcome: TransitionOutcome, em: EntityManager) => Promise<unknown>;
  /** For engine-sent events (deadlines): an event the state no longer accepts is recorded as a no-op, not refused. */
  noopIfNotAccepted?: boolean;
}

export interface TransitionOutcome {
  kind: 'created' | 'transition' | 'noop';
  contribution: Contribution;
  record: TransitionRecord;
  workflow: CompiledWorkflow;
  snapshot: EngineSnapshot;
}

export type TransitionResult = { replayed: false; outcome: TransitionOutcome; response?: unknown } | { replayed: true; response: unknown };

export interface NewContribution {
  workflow: string;
  workflowVersion?: number;
  symbol?: string | null;
  title: string;
  source?: string | null;
  originalLanguage?: string | null;
  agendaItem?: string | null;
  purpose?: string | null;
  actionRequired?: string | null;
  /** Deadlines for initial stages whose deadline is supplied by the opening event. */
  deadline?: string;
  deadlines?: Record<string, string>;
  occurredAt?: Date;
  reason?: string | null;
}

/**
 * The one path by which a contribution changes. In one transaction: lock the row, check its
 * version, rehydrate the snapshot, refuse what the state does not accept, apply XState's pure
 * transition, let domain hooks write their rows, append the hash-chained record, write the
 * new snapshot and version, and queue outbox rows for whatever must happen after commit.
 */
@Injectable()
export class TransitionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflows: WorkflowsService,
    private readonly audit: AuditTrailService,
    private readonly extensions: ContributionExtensions,
  ) {}

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
      return await this.dataSource.transaction(async (em) => {
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
        await this.extensions.afterTransition(context);
        const record = this.chainRecord(context, 'created', input.reason ?? null, entity.key, entity.version);
        await this.commit(em, record, context.outbox, null);
        contribution.headSeq = record.seq;
        contribution.headHash = record.hash;
        return { kind: 'created' as const, contribution, record, workflow, snapshot };
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string })?.constraint === 'contributions_symbol_key') {
        throw ContributionException.symbolTaken(String(input.symbol));
      }
      throw error;
    }
  }

  async apply(contributionId: string, command: TransitionCommand, actor: Actor, options: TransitionOptions = {}): Promise<TransitionResult> {
    const requestHash = options.idempotencyKey ? hashRequest(contributionId, command, options.expectedVersion) : undefined;
    return this.dataSource.transaction(async (em) => {
      if (options.idempotencyKey) {
        const replay = await this.claimIdempotencyKey(em, actor, options.idempotencyKey, requestHash!, contributionId);
        if (replay) return replay;
      }

      const contribution = await lockContribution(em, contributionId);
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
      // The machine decides first: a payload is only worth validating for an event the state accepts.
      if (!workflow.accepts(before, event)) {
        if (!options.noopIfNotAccepted) {
          throw ContributionException.eventNotAllowed(event.type, workflow.currentStages(before.value), workflow.allowedEvents(before));
        }
        context.noop = { reason: `${event.type} no longer applies: current stages are ${workflow.currentStages(before.value).join(', ') || 'none'}` };
      } else {
        await this.extensions.beforeTransition(context);
      }

      let outcome: TransitionOutcome;
      if (context.noop) {
        context.details.noop = context.noop.reason;
        const record = this.chainRecord({ ...context, toStages: context.fromStages, version: contribution.version }, 'noop', command.reason ?? null, definition.key, definition.version);
        await this.commit(em, record, context.outbox, null);
        Object.assign(contribution, { headSeq: record.seq, headHash: record.hash });
        outcome = { kind: 'noop', contribution, record, workflow, snapshot: before };
      } else {
        const after = workflow.apply(before, event);
        const toStages = workflow.activeStages(after.value);
        const applied: AppliedTransitionContext = {
          ...context,
          after,
          toStages,
          entered: toStages.filter((id) => !context.fromStages.includes(id)),
          exited: context.fromStages.filter((id) => !toStages.includes(id)),
          version: contribution.version + 1,
          creation: false,
        };
        await this.extensions.afterTransition(applied);
        const record = this.chainRecord(applied, 'transition', command.reason ?? null, definition.key, definition.version);
        const moved = {
          snapshot: workflow.persist(after),
          currentStages: workflow.currentStages(after.value),
          status: after.status === 'done' ? ('done' as const) : ('active' as const),
          version: applied.version,
        };
        await this.commit(em, record, applied.outbox, moved);
        Object.assign(contribution, moved, { headSeq: record.seq, headHash: record.hash, updatedAt: recordedAt });
        outcome = { kind: 'transition', contribution, record, workflow, snapshot: after };
      }

      let response: unknown;
      if (options.idempotencyKey && options.render) {
        response = await options.render(outcome, em);
        await em.query('UPDATE idempotency_keys SET status_code = 201, response = $3 WHERE scope = $1 AND key = $2', [
          idempotencyScope(actor),
          options.idempotencyKey,
          JSON.stringify(response),
        ]);
      }
      return { replayed: false as const, outcome, response };
    });
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
  private async subjectOrganisation(em: EntityManager, command: TransitionCommand, actor: Actor): Promise<string | null> {
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

  private async claimIdempotencyKey(em: EntityManager, actor: Actor, key: string, requestHash: string, contributionId: string): Promise<TransitionResult | undefined> {
    const scope = idempotencyScope(actor);
    // A concurrent request with the same key waits here until the first commits or rolls back.
    const claimed = await em.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, contribution_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key`,
      [scope, key, requestHash, contributionId],
    );
    if (claimed.length > 0) return undefined;
    const [existing] = await em.query('SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
    if (!existing || existing.request_hash !== requestHash) throw ContributionException.idempotencyKeyReused();
    return { replayed: true, response: existing.response };
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

  /**
   * Appends the record, moves the contribution's head (and, for a real transition, its snapshot)
   * and queues the outbox rows in ONE statement: fewer round trips while the row lock is held.
   */
  private async commit(em: EntityManager, record: TransitionRecord, outbox: OutboxEntry[], moved: ContributionMove | null): Promise<void> {
    const entries: OutboxEntry[] = [
      ...outbox,
      {
        topic: TRANSITION_RECORDED_TOPIC,
        payload: {
          contributionId: record.contributionId,
          seq: record.seq,
          kind: record.kind,
          eventType: record.eventType,
          fromStages: record.fromStages,
          toStages: record.toStages,
          organisationId: record.organisationId,
        },
      },
    ];
    const params = [
      ...recordValues(record),
      record.contributionId,
      record.seq,
      record.hash,
      entries.map((entry) => entry.topic),
      entries.map((entry) => JSON.stringify(entry.payload)),
    ];
    const p = (index: number) => `$${index}`;
    const base = RECORD_VALUE_COUNT;
    let move = '';
    if (moved) {
      params.push(JSON.stringify(moved.snapshot), moved.currentStages, moved.status, moved.version);
      move = `, snapshot = ${p(base + 6)}, current_stages = ${p(base + 7)}, status = ${p(base + 8)}, version = ${p(base + 9)}, updated_at = now()`;
    }
    const [{ id }] = await em.query(
      `WITH record AS (
         INSERT INTO transition_records (${RECORD_COLUMNS}) VALUES (${Array.from({ length: base }, (_, i) => p(i + 1)).join(', ')}) RETURNING id
       ), moved AS (
         UPDATE contributions SET head_seq = ${p(base + 2)}, head_hash = ${p(base + 3)}${move} WHERE id = ${p(base + 1)} RETURNING id
       ), queued AS (
         INSERT INTO outbox (topic, payload)
         SELECT entry.topic,
                CASE WHEN entry.topic = '${TRANSITION_RECORDED_TOPIC}' THEN entry.payload::jsonb || jsonb_build_object('recordId', (SELECT id::text FROM record))
                     ELSE entry.payload::jsonb END
           FROM unnest(${p(base + 4)}::text[], ${p(base + 5)}::text[]) AS entry(topic, payload)
         RETURNING id
       )
       SELECT (SELECT id FROM record) AS id, (SELECT count(*) FROM moved) AS moved, (SELECT count(*) FROM queued) AS queued`,
      params,
    );
    record.id = String(id);
  }
}

interface ContributionMove {
  snapshot: unknown;
  currentStages: string[];
  status: 'active' | 'done';
  version: number;
}

function engineRole(actor: Actor): EngineEvent['actor']['role'] {
  // Auditors never reach the transition path (routes refuse them); treat anything else as its role.
  return actor.role === 'auditor' ? 'participant' : actor.role;
}

function idempotencyScope(actor: Actor): string {
  return actor.personId ?? 'system';
}

function hashRequest(contributionId: string, command: TransitionCommand, expectedVersion?: number): string {
  const canonical = canonicalize({
    contributionId,
    type: command.type,
    payload: command.payload ?? {},
    occurredAt: command.occurredAt?.toISOString() ?? null,
    reason: command.reason ?? null,
    expectedVersion: expectedVersion ?? null,
  });
  return createHash('sha256').update(canonical ?? '', 'utf8').digest('hex');
}
