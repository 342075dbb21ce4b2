import type { PersonRole } from './entities/person.entity';

/** Who is acting, as established from the bearer token (never from the request body). */
export interface Actor {
  personId: string | null;
  name: string;
  role: PersonRole | 'system';
  organisationId: string | null;
  organisationName: string | null;
  tokenId: string | null;
}

/** Deadline jobs and the reconciler act as the system, never as a person. */
export const SYSTEM_ACTOR: Actor = {
  personId: null,
  name: 'Consultation Engine',
  role: 'system',
  organisationId: null,
  organisationName: null,
  tokenId: null,
};
