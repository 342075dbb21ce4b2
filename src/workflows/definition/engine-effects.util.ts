import { EventEffect } from './definition.types';
import { EngineContext, EngineEvent } from './engine-machine.types';

const withMember = (list: string[] | undefined, member: string) => (list?.includes(member) ? list : [...(list ?? []), member]);
const withoutMember = (list: string[] | undefined, member: string) => (list ?? []).filter((item) => item !== member);

/** Pure context update for an accepted event; returns the same object when nothing changes. */
export function applyEffect(context: EngineContext, event: EngineEvent, effect: EventEffect, stage: string): EngineContext {
  const organisationId = event.organisationId ?? undefined;
  switch (effect) {
    case 'invitation': {
      const invited = Array.isArray(event.payload?.organisationIds) ? (event.payload!.organisationIds as string[]) : [];
      const merged = invited.reduce((list, id) => withMember(list, id), context.invited[stage] ?? []);
      return { ...context, invited: { ...context.invited, [stage]: merged } };
    }
    case 'response':
      if (!organisationId) return context;
      return { ...context, responded: { ...context.responded, [stage]: withMember(context.responded[stage], organisationId) } };
    case 'endorsement':
      if (!organisationId) return context;
      return { ...context, endorsements: { ...context.endorsements, [stage]: withMember(context.endorsements[stage], organisationId) } };
    case 'withdrawal':
      if (!organisationId) return context;
      return { ...context, endorsements: { ...context.endorsements, [stage]: withoutMember(context.endorsements[stage], organisationId) } };
    case 'decision': {
      const decision = { outcome: String(event.payload?.outcome ?? ''), ...(event.payload?.body ? { body: String(event.payload.body) } : {}) };
      return { ...context, decisions: { ...context.decisions, [stage]: [...(context.decisions[stage] ?? []), decision] } };
    }
  }
}
