export interface SignatureFacts {
  organisationId: string;
  name: string;
  country: string | null;
  stakeholderType: string | null;
  region: string | null;
  joinedAt: Date;
  joinSeq: number;
  channel: 'online' | 'event';
  eventName: string | null;
  verified: boolean;
  withdrawn: boolean;
}

export interface ListedSupporter {
  position: number;
  organisationId: string;
  name: string;
  country: string | null;
  stakeholderType: string | null;
  region: string | null;
  joinedAt: string;
  channel: 'online' | 'event';
  event: string | null;
}

/**
 * The list the public sees (Annex 2 of seed 000): signatures not withdrawn and, where
 * verification applies, verified; in joining order (business time, then the order recorded),
 * numbered from 1.
 */
export function publicSupporters(signatures: SignatureFacts[], { requireVerification }: { requireVerification: boolean }): ListedSupporter[] {
  return signatures
    .filter((s) => !s.withdrawn && (!requireVerification || s.verified))
    .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.joinSeq - b.joinSeq)
    .map((s, index) => ({
      position: index + 1,
      organisationId: s.organisationId,
      name: s.name,
      country: s.country,
      stakeholderType: s.stakeholderType,
      region: s.region,
      joinedAt: s.joinedAt.toISOString(),
      channel: s.channel,
      event: s.eventName,
    }));
}
