import type { MachineSnapshot, StateValue } from 'xstate';

/**
 * Facts the machine keeps so guards can decide (quorum, "all invited have responded").
 * Keyed by stage id; values are organisation ids.
 */
export interface EngineContext {
  invited: Record<string, string[]>;
  responded: Record<string, string[]>;
  endorsements: Record<string, string[]>;
  decisions: Record<string, Array<{ outcome: string; body?: string }>>;
}

export interface EngineActor {
  role: 'secretariat' | 'participant' | 'system';
  organisationId?: string | null;
}

export interface EngineEvent {
  type: string;
  payload?: Record<string, unknown>;
  actor: EngineActor;
  /** The organisation the event is about (the participant's own, or the one a secretariat records for). */
  organisationId?: string | null;
}

export type EngineSnapshot = MachineSnapshot<EngineContext, EngineEvent, any, any, any, any, any, any>;

export interface PersistedEngineSnapshot {
  value: StateValue;
  context: EngineContext;
  status: string;
  [key: string]: unknown;
}

export const emptyEngineContext = (): EngineContext => ({ invited: {}, responded: {}, endorsements: {}, decisions: {} });
