import canonicalize from 'canonicalize';
import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

/**
 * Signed checkpoints: a statement of every chain's head (contribution, seq, hash) at one moment,
 * signed with an Ed25519 key that lives outside the database. Whoever rewrites rows and
 * re-chains them cannot make the rewritten heads match a checkpoint signed before, without the key.
 * Pure functions, shared by the service that signs and the offline verifier that checks.
 */
export const CHECKPOINT_TYPE = 'consultation-engine/checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface ChainHeadEntry {
  contributionId: string;
  seq: number;
  hash: string;
}

export interface BrokenChainNote {
  contributionId: string;
  seq: number;
  problem: string;
}

/** Exactly what is signed (canonical JSON, RFC 8785). */
export interface CheckpointStatement {
  type: typeof CHECKPOINT_TYPE;
  version: typeof CHECKPOINT_VERSION;
  /** 1, 2, 3… in signing order; with `previous` the checkpoints form their own chain. */
  sequence: number;
  createdAt: string;
  keyId: string;
  /** Digest of the previous checkpoint's statement, null for the first. */
  previous: string | null;
  chains: number;
  /** Sum of head seqs: how many records the checkpoint vouches for. */
  records: number;
  headsDigest: string;
  /** Chains whose new records did not verify when signing; their last good head is signed instead. */
  broken: BrokenChainNote[];
}

export interface SignedCheckpoint extends CheckpointStatement {
  digest: string;
  /** Base64 Ed25519 signature over the canonical statement. */
  signature: string;
  heads: ChainHeadEntry[];
  /** Convenience copy; a verifier should pin the key it trusts instead (--public-key). */
  publicKey?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function sortHeads(heads: ChainHeadEntry[]): ChainHeadEntry[] {
  return [...heads].sort((a, b) => (a.contributionId < b.contributionId ? -1 : a.contributionId > b.contributionId ? 1 : 0));
}

export function headsDigest(heads: ChainHeadEntry[]): string {
  return sha256(canonicalize(sortHeads(heads).map((head) => [head.contributionId, head.seq, head.hash]))!);
}

export function statementOf(checkpoint: CheckpointStatement): CheckpointStatement {
  const { type, version, sequence, createdAt, keyId, previous, chains, records, headsDigest: digest, broken } = checkpoint;
  return { type, version, sequence, createdAt, keyId, previous, chains, records, headsDigest: digest, broken };
}

export function canonicalStatement(statement: CheckpointStatement): string {
  return canonicalize(statementOf(statement))!;
}

export function statementDigest(statement: CheckpointStatement): string {
  return sha256(canonicalStatement(statement));
}

/** The key's fingerprint: SHA-256 of its SubjectPublicKeyInfo (DER). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export interface CheckpointInput {
  sequence: number;
  createdAt: Date;
  previous: string | null;
  heads: ChainHeadEntry[];
  broken?: BrokenChainNote[];
}

export function signCheckpoint(input: CheckpointInput, privateKey: KeyObject): SignedCheckpoint {
  const publicKey = createPublicKey(privateKey);
  const heads = sortHeads(input.heads);
  const statement: CheckpointStatement = {
    type: CHECKPOINT_TYPE,
    version: CHECKPOINT_VERSION,
    sequence: input.sequence,
    createdAt: input.createdAt.toISOString(),
    keyId: keyIdOf(publicKey),
    previous: input.previous,
    chains: heads.length,
    records: heads.reduce((sum, head) => sum + head.seq, 0),
    headsDigest: headsDigest(heads),
    broken: input.broken ?? [],
  };
  const signature = sign(null, Buffer.from(canonicalStatement(statement), 'utf8'), privateKey).toString('base64');
  return {
    ...statement,
    digest: statementDigest(statement),
    signature,
    heads,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export interface CheckpointCheck {
  ok: boolean;
  problems: string[];
}

/** Is this checkpoint what the holder of `publicKey` signed, with the heads it lists? */
export function verifyCheckpoint(checkpoint: SignedCheckpoint, publicKey: KeyObject): CheckpointCheck {
  const problems: string[] = [];
  if (checkpoint.type !== CHECKPOINT_TYPE || checkpoint.version !== CHECKPOINT_VERSION) {
    problems.push(`not a version ${CHECKPOINT_VERSION} checkpoint (type ${String(checkpoint.type)}, version ${String(checkpoint.version)})`);
    return { ok: false, problems };
  }
  const keyId = keyIdOf(publicKey);
  if (checkpoint.keyId !== keyId) problems.push(`signed by key ${checkpoint.keyId.slice(0, 16)}…, not by the trusted key ${keyId.slice(0, 16)}…`);
  let signatureOk = false;
  try {
    signatureOk = verify(null, Buffer.from(canonicalStatement(checkpoint), 'utf8'), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) problems.push('the signature does not match the statement (the checkpoint was altered or signed by another key)');
  const heads = Array.isArray(checkpoint.heads) ? checkpoint.heads : [];
  if (headsDigest(heads) !== checkpoint.headsDigest) problems.push('the listed heads do not match the signed heads digest');
  if (heads.length !== checkpoint.chains) problems.push(`lists ${heads.length} chain heads, the statement says ${checkpoint.chains}`);
  if (checkpoint.digest !== undefined && checkpoint.digest !== statementDigest(checkpoint)) problems.push('its digest does not match its statement');
  return { ok: problems.length === 0, problems };
}
