import { assign, setup } from 'xstate';
import { EventSender, GuardSpec, StageSpec, TransitionSpec, WorkflowDefinition } from './definition.types';
import { applyEffect } from './engine-effects.util';
import { evaluateGuard } from './engine-guards.util';
import { EngineContext, EngineEvent, emptyEngineContext } from './engine-machine.types';

/** Not a valid stage id (upper case), so it can never collide with one. */
export const MACHINE_ROOT_ID = 'Workflow';

interface GuardParams {
  by: EventSender[];
  spec?: GuardSpec;
}

interface EffectParams {
  effect?: TransitionSpec['effect'];
  stage: string;
}

const engineSetup = setup({
  types: {} as { context: EngineContext; events: EngineEvent },
  guards: {
    allowed: ({ context, event }, params: GuardParams) =>
      params.by.includes(event.actor.role) && (params.spec === undefined || evaluateGuard(params.spec, context, event)),
  },
  actions: {
    // Every accepted event carries an action, so XState never treats a targetless transition as forbidden.
    record: assign(({ context, event }, params: EffectParams) =>
      params.effect ? applyEffect(context, event, params.effect, params.stage) : context,
    ),
  },
});

export type EngineMachine = ReturnType<typeof compileMachine>;

/** One XState machine per definition version. Pure: no timers, no invoked actors. */
export function compileMachine(definition: WorkflowDefinition) {
  const transitionsConfig = (stage: StageSpec) => {
    const byEvent: Record<string, unknown[]> = {};
    for (const transition of stage.transitions) {
      (byEvent[transition.event] ??= []).push({
        ...(transition.target ? { target: `#${transition.target}` } : {}),
        guard: { type: 'allowed', params: { by: transition.by, spec: transition.guard } satisfies GuardParams },
        actions: [{ type: 'record', params: { effect: transition.effect, stage: stage.id } satisfies EffectParams }],
      });
    }
    return byEvent;
  };

  const stateConfig = (stage: StageSpec): Record<string, unknown> => {
    if (stage.nodeType === 'final') return { id: stage.id, type: 'final' };
    if (stage.nodeType === 'parallel') {
      return {
        id: stage.id,
        type: 'parallel',
        on: transitionsConfig(stage),
        ...(stage.onDone ? { onDone: { target: `#${stage.onDone}` } } : {}),
        states: Object.fromEntries(
          (stage.regions ?? []).map((region) => [
            region.id,
            { id: region.id, initial: region.initial, states: Object.fromEntries(region.stages.map((s) => [s.id, stateConfig(s)])) },
          ]),
        ),
      };
    }
    return { id: stage.id, on: transitionsConfig(stage) };
  };

  return engineSetup.createMachine({
    id: MACHINE_ROOT_ID,
    context: emptyEngineContext(),
    initial: definition.initial,
    states: Object.fromEntries(definition.stages.map((stage) => [stage.id, stateConfig(stage)])) as never,
  });
}
