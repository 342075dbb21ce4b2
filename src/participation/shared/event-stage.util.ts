import type { TransitionContext } from '../../contributions/contribution-extensions';
import type { EventEffect, StageSpec } from '../../workflows/definition/definition.types';
import { ParticipationException } from '../participation.exception';

/**
 * The active stage an event acts in: the one whose transitions include it. When parallel regions
 * give several (two comment rounds at once), the client names one in `payload.stage`.
 */
export function stageOfEvent(context: TransitionContext, eventType = context.event.type): StageSpec {
  const candidates = context.fromStages
    .map((id) => context.workflow.stage(id))
    .filter((stage): stage is StageSpec => !!stage && stage.transitions.some((t) => t.event === eventType));
  const named = context.event.payload?.stage;
  if (named !== undefined) {
    const stage = candidates.find((candidate) => candidate.id === named);
    if (!stage) throw ParticipationException.invalidPayload('payload.stage', `must be a current stage that accepts ${eventType}: ${candidates.map((c) => c.id).join(', ')}`);
    return stage;
  }
  if (candidates.length > 1) {
    throw ParticipationException.invalidPayload('payload.stage', `${eventType} is accepted by several current stages; name one: ${candidates.map((c) => c.id).join(', ')}`);
  }
  // The machine accepted the event, so some active stage handles it.
  return candidates[0];
}

/** What the event records in its stage (`response`, `endorsement`, …), as the definition says. */
export function effectOf(stage: StageSpec, eventType: string): EventEffect | undefined {
  return stage.transitions.find((t) => t.event === eventType)?.effect;
}

/** Stages (among `ids`) that accept one of these events: e.g. the drafting stages among those just left. */
export function stagesAccepting(context: TransitionContext, ids: string[], events: readonly string[]): string[] {
  return ids.filter((id) => context.workflow.stage(id)?.transitions.some((t) => events.includes(t.event)));
}

/** The organisation an event is about; a secretariat recording for someone must name it. */
export function subjectOrganisation(context: TransitionContext, action: string): string {
  const organisationId = context.event.organisationId;
  if (!organisationId) {
    throw ParticipationException.invalidPayload('payload.organisationId', `name the organisation ${action} is recorded for (a secretariat acts on an organisation's behalf)`);
  }
  return organisationId;
}

/** The seq the transition record of this event will have (the contribution row is locked). */
export function recordSeqOf(context: TransitionContext): number {
  return context.contribution.headSeq + 1;
}
