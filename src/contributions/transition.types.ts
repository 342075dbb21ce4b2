import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import type { TransitionRecord } from '../audit/entities/transition-record.entity';
import type { CompiledWorkflow } from '../workflows/definition/compiled-workflow';
import type { EngineSnapshot } from '../workflows/definition/engine-machine.types';
import type { Contribution } from './entities/contribution.entity';

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

export interface TransitionRequest {
  contributionId: string;
  command: TransitionCommand;
  actor: Actor;
  options?: TransitionOptions;
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
