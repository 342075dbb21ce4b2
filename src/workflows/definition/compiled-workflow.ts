import { initialTransition, StateValue, transition } from 'xstate';
import { compileMachine, EngineMachine } from './compile-machine.util';
import { DecisionOutcome, EventSender, StageSpec, WorkflowDefinition, WriterRole } from './definition.types';
import { EngineEvent, EngineSnapshot, PersistedEngineSnapshot } from './engine-machine.types';
import { indexStages, StageIndex } from './stage-index.util';

export interface AllowedEvent {
  type: string;
  roles: WriterRole[];
  /** For decision events: the outcomes accepted now. */
  outcomes?: DecisionOutcome[];
  stages: string[];
  description?: string;
}

/** An organisation id no real row can have; used to ask the machine "could this be accepted now?". */
const PROBE_ORGANISATION = '00000000-0000-0000-0000-000000000000';

/** A definition compiled once and shared by every contribution pinned to it. */
export class CompiledWorkflow {
  readonly machine: EngineMachine;
  readonly index: StageIndex;
  /** Every role that may send each event type anywhere in the definition. */
  readonly senders: Map<string, Set<EventSender>>;

  constructor(readonly definition: WorkflowDefinition) {
    this.machine = compileMachine(definition);
    this.index = indexStages(definition);
    this.senders = new Map();
    for (const stage of this.index.ordered)
      for (const t of stage.transitions) for (const role of t.by) (this.senders.get(t.event) ?? this.senders.set(t.event, new Set()).get(t.event)!).add(role);
  }

  initialSnapshot(): EngineSnapshot {
    return initialTransition(this.machine)[0] as unknown as EngineSnapshot;
  }

  restore(persisted: PersistedEngineSnapshot): EngineSnapshot {
    return this.machine.resolveState({ value: persisted.value, context: persisted.context } as never) as unknown as EngineSnapshot;
  }

  persist(snapshot: EngineSnapshot): PersistedEngineSnapshot {
    return this.machine.getPersistedSnapshot(snapshot as never) as unknown as PersistedEngineSnapshot;
  }

  accepts(snapshot: EngineSnapshot, event: EngineEvent): boolean {
    return snapshot.can(event as never);
  }

  apply(snapshot: EngineSnapshot, event: EngineEvent): EngineSnapshot {
    return transition(this.machine, snapshot as never, event as never)[0] as unknown as EngineSnapshot;
  }

  /** Stage ids active in a snapshot: leaves and the parallel stages containing them, in document order. */
  activeStages(value: StateValue): string[] {
    const names = new Set<string>();
    const walk = (node: StateValue) => {
      if (typeof node === 'string') return void names.add(node);
      for (const [key, child] of Object.entries(node)) {
        names.add(key);
        if (child !== undefined) walk(child as StateValue);
      }
    };
    walk(value);
    return this.index.ordered.filter((stage) => names.has(stage.id)).map((stage) => stage.id);
  }

  /** Active stages that are leaves (what a person would call "the current stages"). */
  currentStages(value: StateValue): string[] {
    return this.activeStages(value).filter((id) => this.stage(id)?.nodeType !== 'parallel');
  }

  stage(id: string): StageSpec | undefined {
    return this.index.stages.get(id)?.stage;
  }

  /**
   * The events a client could send now, and by whom, asked of the machine itself
   * (guards included) rather than read off the definition.
   */
  allowedEvents(snapshot: EngineSnapshot): AllowedEvent[] {
    if (snapshot.status !== 'active') return [];
    const byType = new Map<string, { stages: Set<string>; roles: Set<WriterRole>; outcomes: Set<DecisionOutcome>; description?: string }>();
    for (const stageId of this.activeStages(snapshot.value)) {
      for (const t of this.stage(stageId)!.transitions) {
        const entry = byType.get(t.event) ?? { stages: new Set(), roles: new Set(), outcomes: new Set(), description: t.description };
        t.by.forEach((role) => role !== 'system' && entry.roles.add(role));
        t.guard?.outcome?.forEach((outcome) => entry.outcomes.add(outcome));
        entry.stages.add(stageId);
        byType.set(t.event, entry);
      }
    }
    const allowed: AllowedEvent[] = [];
    for (const [type, entry] of byType) {
      const roles: WriterRole[] = [];
      const outcomes = new Set<DecisionOutcome>();
      for (const role of entry.roles) {
        const probes = entry.outcomes.size ? [...entry.outcomes].map((outcome) => ({ outcome })) : [{}];
        for (const payload of probes) {
          const probe: EngineEvent = { type, payload, actor: { role, organisationId: PROBE_ORGANISATION }, organisationId: PROBE_ORGANISATION };
          if (!snapshot.can(probe as never)) continue;
          if (!roles.includes(role)) roles.push(role);
          if ('outcome' in payload) outcomes.add(payload.outcome as DecisionOutcome);
        }
      }
      if (roles.length === 0) continue;
      allowed.push({ type, roles, ...(outcomes.size ? { outcomes: [...outcomes] } : {}), stages: [...entry.stages], description: entry.description });
    }
    return allowed;
  }
}
