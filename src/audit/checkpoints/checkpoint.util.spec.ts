import { generateKeyPairSync } from 'node:crypto';
import { ChainHeadEntry, headsDigest, keyIdOf, signCheckpoint, statementDigest, verifyCheckpoint } from './checkpoint.util';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const hash = (c: string) => c.repeat(64);

describe('signed checkpoints', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const heads: ChainHeadEntry[] = [
    { contributionId: B, seq: 7, hash: hash('b') },
    { contributionId: A, seq: 3, hash: hash('a') },
  ];

  it('signs the heads of every chain, sorted, with how many records they vouch for', () => {
    const checkpoint = signCheckpoint({ sequence: 1, createdAt: new Date('2026-01-01T00:00:00Z'), previous: null, heads }, privateKey);
    expect(checkpoint).toEqual(
      expect.objectContaining({ sequence: 1, chains: 2, records: 10, keyId: keyIdOf(publicKey), previous: null, createdAt: '2026-01-01T00:00:00.000Z' }),
    );
    expect(checkpoint.heads.map((head) => head.contributionId)).toEqual([A, B]);
    expect(verifyCheckpoint(checkpoint, publicKey)).toEqual({ ok: true, problems: [] });
  });

  it('gives the same heads digest whatever order the heads come in', () => {
    expect(headsDigest(heads)).toBe(headsDigest([...heads].reverse()));
    expect(headsDigest(heads)).not.toBe(headsDigest([{ ...heads[0], seq: 8 }, heads[1]]));
  });

  it('refuses a checkpoint whose heads were changed after signing', () => {
    const checkpoint = signCheckpoint({ sequence: 1, createdAt: new Date(), previous: null, heads }, privateKey);
    const forged = { ...checkpoint, heads: [{ ...checkpoint.heads[0], hash: hash('f') }, checkpoint.heads[1]] };
    expect(verifyCheckpoint(forged, publicKey).problems).toEqual(['the listed heads do not match the signed heads digest']);
    const reDigested = { ...forged, headsDigest: headsDigest(forged.heads) };
    expect(verifyCheckpoint(reDigested, publicKey).problems).toContain('the signature does not match the statement (the checkpoint was altered or signed by another key)');
  });

  it('refuses a checkpoint signed by another key, even if that key signed it correctly', () => {
    const other = generateKeyPairSync('ed25519');
    const checkpoint = signCheckpoint({ sequence: 1, createdAt: new Date(), previous: null, heads }, other.privateKey);
    expect(verifyCheckpoint(checkpoint, other.publicKey).ok).toBe(true);
    const result = verifyCheckpoint(checkpoint, publicKey);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatch(/^signed by key .*, not by the trusted key/);
  });

  it('links each checkpoint to the previous one by digest', () => {
    const first = signCheckpoint({ sequence: 1, createdAt: new Date(), previous: null, heads }, privateKey);
    const second = signCheckpoint({ sequence: 2, createdAt: new Date(), previous: statementDigest(first), heads }, privateKey);
    expect(second.previous).toBe(first.digest);
    expect(statementDigest(second)).toBe(second.digest);
  });
});
