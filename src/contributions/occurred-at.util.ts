import { Actor } from '../auth/actor';
import { AuthException } from '../auth/auth.exception';
import { ContributionException } from './contribution.exception';

/** Clocks differ a little between a client and this server; more than this is "the future". */
export const CLOCK_SKEW_MS = 5_000;
/** A participant's occurredAt may lag by this much (a slow submit); older is back-dating. */
export const PARTICIPANT_LAG_MS = 5 * 60_000;

/**
 * Business time of an event. A secretariat may back-date (recording what happened at a meeting);
 * nobody may post-date; a participant's event happens when it is received.
 */
export function resolveOccurredAt(requested: Date | undefined, actor: Actor, recordedAt: Date): Date {
  if (requested === undefined) return recordedAt;
  if (requested.getTime() > recordedAt.getTime() + CLOCK_SKEW_MS) {
    throw ContributionException.invalidEvent('occurredAt', `must not be in the future (now is ${recordedAt.toISOString()})`);
  }
  if (actor.role === 'participant' && requested.getTime() < recordedAt.getTime() - PARTICIPANT_LAG_MS) {
    throw AuthException.forbidden('only a secretariat may back-date an event; leave occurredAt out');
  }
  return requested;
}
