/**
 * Who has acted in a stage, from the machine context kept in the contribution's snapshot
 * (engine-effects.util.ts): `responded` (comments, "no comment", answers) and `endorsements`
 * (signatures), keyed by stage id, values organisation ids. Invitations come from `invited`.
 */
export interface StageFacts {
  invited: string[];
  responded: string[];
  endorsed: string[];
}

export interface EngineContextLike {
  invited?: Record<string, string[] | undefined>;
  responded?: Record<string, string[] | undefined>;
  endorsements?: Record<string, string[] | undefined>;
}

export function stageFacts(context: EngineContextLike | undefined, stageId: string): StageFacts {
  return {
    invited: [...new Set(context?.invited?.[stageId] ?? [])],
    responded: [...new Set(context?.responded?.[stageId] ?? [])],
    endorsed: [...new Set(context?.endorsements?.[stageId] ?? [])],
  };
}

function actedSet(facts: StageFacts): Set<string> {
  return new Set([...facts.responded, ...facts.endorsed]);
}

/**
 * The organisations a reminder goes to. For the general deadline: invited organisations that
 * have not acted, except those holding their own (later) extension, which get reminders on
 * their own schedule. For an organisation's own extension: that organisation, if it has not acted.
 */
export function reminderRecipients(facts: StageFacts, scope: { organisationId: string | null; excluded?: string[] }): string[] {
  const acted = actedSet(facts);
  if (scope.organisationId) return acted.has(scope.organisationId) ? [] : [scope.organisationId];
  const excluded = new Set(scope.excluded ?? []);
  return facts.invited.filter((id) => !acted.has(id) && !excluded.has(id));
}

export interface ResponseRate {
  invited: number;
  responded: number;
  /** undefined when nobody was invited: there is no rate to fall below. */
  rate: number | undefined;
  missing: string[];
}

/** Share of invited organisations that have acted; acting without an invitation does not count. */
export function responseRate(facts: StageFacts): ResponseRate {
  const acted = actedSet(facts);
  const respondedInvited = facts.invited.filter((id) => acted.has(id));
  return {
    invited: facts.invited.length,
    responded: respondedInvited.length,
    rate: facts.invited.length ? respondedInvited.length / facts.invited.length : undefined,
    missing: facts.invited.filter((id) => !acted.has(id)),
  };
}

export function shouldEscalate(rate: ResponseRate, belowResponseRate: number): boolean {
  return rate.rate !== undefined && rate.rate < belowResponseRate;
}
