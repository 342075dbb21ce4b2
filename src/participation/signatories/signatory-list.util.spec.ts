import { publicSupporters, SignatureFacts } from './signatory-list.util';

const signature = (name: string, joinedAt: string, joinSeq: number, extra: Partial<SignatureFacts> = {}): SignatureFacts => ({
  organisationId: `id-${name}`,
  name,
  country: null,
  stakeholderType: 'civil_society',
  region: null,
  joinedAt: new Date(joinedAt),
  joinSeq,
  channel: 'online',
  eventName: null,
  verified: true,
  withdrawn: false,
  ...extra,
});

describe('publicSupporters', () => {
  const signatures = [
    signature('Nuru Trust Network', '2025-06-06T09:00:02Z', 30, { channel: 'event', eventName: 'Global Digital Forum' }),
    signature('Telecom Armenia', '2025-06-04T07:00:00Z', 20),
    signature('Kawil Group Holding Limited', '2025-06-06T09:00:01Z', 31, { channel: 'event', eventName: 'Global Digital Forum' }),
    signature('Awaiting Verification Ltd', '2025-06-01T00:00:00Z', 10, { verified: false }),
    signature('Withdrawn Consulting', '2025-05-30T00:00:00Z', 5, { withdrawn: true }),
  ];

  it('lists verified, non-withdrawn signatories in joining order, numbered from 1', () => {
    expect(publicSupporters(signatures, { requireVerification: true }).map((s) => [s.position, s.name, s.channel, s.event])).toEqual([
      [1, 'Telecom Armenia', 'online', null],
      [2, 'Kawil Group Holding Limited', 'event', 'Global Digital Forum'],
      [3, 'Nuru Trust Network', 'event', 'Global Digital Forum'],
    ]);
  });

  it('breaks a tie in joining time by the order the signatures were recorded', () => {
    const tied = [signature('B', '2025-06-06T09:00:00Z', 8), signature('A', '2025-06-06T09:00:00Z', 7)];
    expect(publicSupporters(tied, { requireVerification: true }).map((s) => s.name)).toEqual(['A', 'B']);
  });

  it('lists unverified supporters where no verification applies (co-sponsors)', () => {
    expect(publicSupporters(signatures, { requireVerification: false }).map((s) => s.name)).toContain('Awaiting Verification Ltd');
  });
});
