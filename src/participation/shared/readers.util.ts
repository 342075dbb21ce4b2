import type { Actor } from '../../auth/actor';

/** Secretariats and auditors read everything of a contribution; participants their own organisation's part; the public what is published. */
export function readsEverything(actor: Actor | undefined): boolean {
  return !!actor && (actor.role === 'secretariat' || actor.role === 'auditor' || actor.role === 'system');
}
