import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import type { CompiledWorkflow } from '../workflows/definition/compiled-workflow';
import type { EngineEvent, EngineSnapshot } from '../workflows/definition/engine-machine.types';
import type { Contribution } from './entities/contribution.entity';

export interface OutboxEntry {
  topic: string;
  payload: Record<string, unknown>;
}

/** What a hook sees of a transition being applied, inside its transaction. */
export interface TransitionContext {
  readonly em: EntityManager;
  readonly contribution: Contribution;
  readonly workflow: CompiledWorkflow;
  readonly actor: Actor;
  readonly event: EngineEvent;
  readonly occurredAt: Date;
  readonly recordedAt: Date;
  readonly before: EngineSnapshot;
  /** Active stages before the event (leaves and enclosing parallel stages). */
  readonly fromStages: string[];
  /** Facts derived by the engine, stored and hashed with the record (e.g. old and new deadline). */
  readonly details: Record<string, unknown>;
  readonly outbox: OutboxEntry[];
  /** Set by a hook to record the event as a no-op instead of applying it (e.g. a stale deadline). */
  noop?: { reason: string };
}

export interface AppliedTransitionContext extends TransitionContext {
  readonly after: EngineSnapshot;
  readonly toStages: string[];
  readonly entered: string[];
  readonly exited: string[];
  /** The contribution's version once this transition commits. */
  readonly version: number;
  /** True for the record that creates the contribution. */
  readonly creation: boolean;
}

/**
 * Lets a domain module take part in the one transition path without the path knowing it:
 * validate an event before the machine sees it, and write its own rows in the same transaction.
 * Throwing a DomainException refuses the event and rolls everything back.
 */
export interface TransitionHook {
  readonly name: string;
  beforeTransition?(context: TransitionContext): Promise<void>;
  afterTransition?(context: AppliedTransitionContext): Promise<void>;
  /**
   * Optional: the same for several transitions of one batch (each on a different contribution,
   * all in one transaction), so a hook can do in one query what it would otherwise do in one per
   * transition. Without it, `beforeTransition` is called for each.
   */
  beforeTransitions?(contexts: TransitionContext[]): Promise<void>;
}

/** Adds a section (e.g. `deadlines`) to the contribution as GET /contributions/:id shows it. */
export interface ContributionViewSection {
  readonly name: string;
  describe(contributions: Contribution[], em: EntityManager): Promise<Map<string, unknown>>;
}

@Injectable()
export class ContributionExtensions {
  private readonly logger = new Logger(ContributionExtensions.name);
  private readonly hooks: TransitionHook[] = [];
  private readonly sections: ContributionViewSection[] = [];

  registerHook(hook: TransitionHook): void {
    if (this.hooks.some((existing) => existing.name === hook.name)) throw new Error(`transition hook "${hook.name}" registered twice`);
    this.hooks.push(hook);
    this.logger.debug(`transition hook ${hook.name} registered`);
  }

  registerViewSection(section: ContributionViewSection): void {
    if (this.sections.some((existing) => existing.name === section.name)) throw new Error(`view section "${section.name}" registered twice`);
    this.sections.push(section);
  }

  async beforeTransitions(contexts: TransitionContext[]): Promise<void> {
    if (contexts.length === 0) return;
    for (const hook of this.hooks) {
      if (hook.beforeTransitions && contexts.length > 1) await hook.beforeTransitions(contexts);
      else if (hook.beforeTransition) for (const context of contexts) await hook.beforeTransition(context);
    }
  }

  async afterTransitions(contexts: AppliedTransitionContext[]): Promise<void> {
    for (const hook of this.hooks) if (hook.afterTransition) for (const context of contexts) await hook.afterTransition(context);
  }

  async describe(contributions: Contribution[], em: EntityManager): Promise<Array<Record<string, unknown>>> {
    const parts = await Promise.all(this.sections.map(async (section) => [section.name, await section.describe(contributions, em)] as const));
    return contributions.map((contribution) => Object.fromEntries(parts.map(([name, values]) => [name, values.get(contribution.id) ?? null])));
  }
}
