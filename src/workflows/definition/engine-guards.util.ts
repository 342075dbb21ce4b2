import { GuardSpec } from './definition.types';
import { EngineContext, EngineEvent } from './engine-machine.types';

/** The named guard library, interpreted from the definition so machines stay serialisable. */
export function evaluateGuard(spec: GuardSpec, context: EngineContext, event: EngineEvent): boolean {
  if (spec.role && !spec.role.includes(event.actor.role as never)) return false;
  if (spec.outcome && !spec.outcome.includes(event.payload?.outcome as never)) return false;
  if (spec.quorum) {
    const { of, stage, count, outcome } = spec.quorum;
    const have =
      of === 'endorsements'
        ? (context.endorsements[stage] ?? []).length
        : of === 'responses'
          ? (context.responded[stage] ?? []).length
          : (context.decisions[stage] ?? []).filter((decision) => outcome === undefined || decision.outcome === outcome).length;
    if (have < count) return false;
  }
  if (spec.allInvitedResponded) {
    const { stage } = spec.allInvitedResponded;
    const responded = new Set(context.responded[stage] ?? []);
    if (!(context.invited[stage] ?? []).every((organisationId) => responded.has(organisationId))) return false;
  }
  if (spec.anyOf && !spec.anyOf.some((inner) => evaluateGuard(inner, context, event))) return false;
  return true;
}
