import { generateKeyPairSync } from 'node:crypto';
import { TransitionRecord } from '../entities/transition-record.entity';
import { ChainedFields, hashRecord } from '../hash-chain.util';
import { ChainHeadEntry, signCheckpoint, SignedCheckpoint, statementDigest } from '../checkpoints/checkpoint.util';
import { checkpointsFromJson, verifyExportLines } from './export-verifier.util';
import { exportHeader, exportTrailer, ndjsonLine, recordLine } from './record-export.util';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

function chain(contributionId: string, count: number, texts: (seq: number) => string = (seq) => `comment ${seq}`): TransitionRecord[] {
  const records: TransitionRecord[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const fields: ChainedFields = {
      contributionId,
      seq,
      kind: 'transition',
      eventType: 'COMMENT',
      fromStages: ['round'],
      toStages: ['round'],
      payload: { text: texts(seq) },
      details: {},
      actorPersonId: null,
      actorName: 'Secretariat',
      actorRole: 'secretariat',
      actorOrganisationId: null,
      actorOrganisationName: null,
      organisationId: null,
      reason: null,
      occurredAt: new Date(Date.UTC(2025, 0, seq)),
      recordedAt: new Date(Date.UTC(2025, 0, seq, 1)),
      definitionId: '22222222-2222-4222-8222-222222222222',
      definitionKey: 'demo',
      definitionVersion: 1,
      contributionVersion: seq,
      prevHash: records[seq - 2]?.hash ?? null,
    };
    records.push(Object.assign(new TransitionRecord(), fields, { id: String(seq), hash: hashRecord(fields) }));
  }
  return records;
}

function file(chains: TransitionRecord[][], options: { scope?: 'all' | 'contribution'; trailer?: boolean } = {}): string[] {
  const records = chains.flat();
  const lines = [ndjsonLine(exportHeader(options.scope ?? 'all', options.scope === 'contribution' ? records[0].contributionId : null)), ...records.map(recordLine)];
  if (options.trailer !== false) lines.push(ndjsonLine(exportTrailer(records.length, chains.length)));
  return lines.map((line) => line.trimEnd());
}

const headOf = (records: TransitionRecord[], upTo = records.length): ChainHeadEntry => ({ contributionId: records[0].contributionId, seq: upTo, hash: records[upTo - 1].hash });

describe('offline verification of an export file', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const checkpoints = (heads: ChainHeadEntry[][]): SignedCheckpoint[] => {
    const signed: SignedCheckpoint[] = [];
    heads.forEach((list, index) =>
      signed.push(signCheckpoint({ sequence: index + 1, createdAt: new Date(Date.UTC(2025, 1, index + 1)), previous: signed[index - 1] ? statementDigest(signed[index - 1]) : null, heads: list }, privateKey)),
    );
    return signed;
  };

  it('passes an untouched export and says how much the checkpoint vouches for', async () => {
    const a = chain(A, 5);
    const b = chain(B, 3);
    const result = await verifyExportLines(file([a, b]), { checkpoints: checkpoints([[headOf(a, 4), headOf(b)]]), publicKey });
    expect(result).toEqual(expect.objectContaining({ ok: true, records: 8, contributions: 2, firstProblem: null, problems: [] }));
    expect(result.coverage).toEqual({ contributionsCovered: 2, recordsCovered: 7, latestCheckpoint: 1 });
    expect(result.checkpoints).toEqual([expect.objectContaining({ sequence: 1, ok: true, pinned: true })]);
  });

  it('reports an edited record at its seq and line when its hash was left alone', async () => {
    const a = chain(A, 5);
    a[2].payload = { text: 'forged' };
    const result = await verifyExportLines(file([a]));
    expect(result.ok).toBe(false);
    expect(result.firstProblem).toEqual(expect.objectContaining({ problem: 'hash_mismatch', contributionId: A, seq: 3, line: 4 }));
  });

  it('catches a rewrite whose later hashes were all recomputed, and narrows it down with several checkpoints', async () => {
    const original = chain(A, 9);
    const signed = checkpoints([[headOf(original, 2)], [headOf(original, 5)], [headOf(original, 9)]]);
    const rewritten = chain(A, 9, (seq) => (seq === 4 ? 'forged' : `comment ${seq}`));
    expect(rewritten[1].hash).toBe(original[1].hash);

    const withoutCheckpoints = await verifyExportLines(file([rewritten]));
    expect(withoutCheckpoints.ok).toBe(true);

    const result = await verifyExportLines(file([rewritten]), { checkpoints: signed, publicKey });
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.firstProblem).toEqual(
      expect.objectContaining({ problem: 'checkpoint_mismatch', contributionId: A, seq: 3, alteredFrom: 3, alteredTo: 5, checkpoint: 2 }),
    );
    expect(result.firstProblem!.message).toContain('the history was rewritten in records 3–5; checkpoint #1 still matches at record 2');

    const onlyLast = await verifyExportLines(file([rewritten]), { checkpoints: [signed[2]], publicKey });
    expect(onlyLast.firstProblem).toEqual(expect.objectContaining({ alteredFrom: 1, alteredTo: 9, checkpoint: 3 }));
  });

  it('reports records removed from the end of a chain that a checkpoint vouched for', async () => {
    const a = chain(A, 6);
    const result = await verifyExportLines(file([a.slice(0, 4)]), { checkpoints: checkpoints([[headOf(a)]]), publicKey });
    expect(result.firstProblem).toEqual(expect.objectContaining({ problem: 'missing_records', seq: 5, checkpoint: 1 }));
    expect(result.firstProblem!.message).toContain('records 5–6 are missing');
  });

  it('reports a contribution missing from a full export, but not from a one-contribution export', async () => {
    const a = chain(A, 2);
    const b = chain(B, 2);
    const signed = checkpoints([[headOf(a), headOf(b)]]);
    const full = await verifyExportLines(file([a]), { checkpoints: signed, publicKey });
    expect(full.problems).toEqual([expect.objectContaining({ problem: 'missing_contribution', contributionId: B })]);
    const single = await verifyExportLines(file([a], { scope: 'contribution' }), { checkpoints: signed, publicKey });
    expect(single.ok).toBe(true);
  });

  it('reports a file cut short', async () => {
    const result = await verifyExportLines(file([chain(A, 3)], { trailer: false }));
    expect(result.problems).toEqual([expect.objectContaining({ problem: 'truncated_file' })]);
    const lying = file([chain(A, 3)]);
    lying.splice(2, 1);
    const shortened = await verifyExportLines(lying);
    expect(shortened.problems.map((p) => p.problem)).toEqual(['missing_record', 'truncated_file']);
  });

  it('does not trust a checkpoint signed by another key, and says when no key was pinned', async () => {
    const a = chain(A, 3);
    const forger = generateKeyPairSync('ed25519');
    const forged = signCheckpoint({ sequence: 1, createdAt: new Date(), previous: null, heads: [headOf(a)] }, forger.privateKey);
    const pinned = await verifyExportLines(file([a]), { checkpoints: [forged], publicKey });
    expect(pinned.ok).toBe(false);
    expect(pinned.checkpoints[0]).toEqual(expect.objectContaining({ ok: false, pinned: true }));
    const unpinned = await verifyExportLines(file([a]), { checkpoints: [forged] });
    expect(unpinned.ok).toBe(true);
    expect(unpinned.notes).toEqual([expect.stringContaining('pass the public key you trust')]);
  });

  it('refuses a checkpoint that does not link to the one before it', async () => {
    const a = chain(A, 3);
    const [first, second] = checkpoints([[headOf(a, 2)], [headOf(a)]]);
    const relinked = signCheckpoint({ sequence: 2, createdAt: new Date(second.createdAt), previous: 'e'.repeat(64), heads: second.heads }, privateKey);
    const result = await verifyExportLines(file([a]), { checkpoints: [first, relinked], publicKey });
    expect(result.ok).toBe(false);
    expect(result.checkpoints[1]).toEqual(expect.objectContaining({ ok: false, problems: ['does not link to checkpoint #1: the checkpoints themselves were tampered with'] }));
  });

  it('reports a line that is not a record', async () => {
    const lines = file([chain(A, 2)]);
    lines.splice(2, 0, '{"hello": "world"}');
    const result = await verifyExportLines(lines);
    expect(result.firstProblem).toEqual(expect.objectContaining({ problem: 'invalid_line', line: 3 }));
  });

  it('reads checkpoints as the API serves them: one, a list, or a page of items', () => {
    const [one] = checkpoints([[headOf(chain(A, 1))]]);
    expect(checkpointsFromJson(one)).toHaveLength(1);
    expect(checkpointsFromJson([one, one])).toHaveLength(2);
    expect(checkpointsFromJson({ items: [one] })).toHaveLength(1);
    const { heads: _heads, ...withoutHeads } = one;
    expect(() => checkpointsFromJson(withoutHeads)).toThrow(/with its heads/);
    expect(() => checkpointsFromJson({ hello: 1 })).toThrow(/not a checkpoint/);
  });
});
