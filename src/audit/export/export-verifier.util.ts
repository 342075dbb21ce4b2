import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { ChainBreak, ChainCursor, chainStart, checkNextRecord, hashRecord } from '../hash-chain.util';
import { SignedCheckpoint, statementDigest, verifyCheckpoint } from '../checkpoints/checkpoint.util';
import { ExportHeader, ExportTrailer, parseExportLine } from './record-export.util';

/**
 * Verifies an export file with no database: every chain with the same hash-chain code the server
 * uses, and, given signed checkpoints, every chain head a checkpoint vouches for. A rewrite that
 * was re-chained (every later hash recomputed) passes the chain check but not the checkpoints;
 * with several checkpoints the altered records are narrowed down to the range between the last
 * checkpoint that still matches and the first that does not.
 */

export type ExportProblemKind = ChainBreak['problem'] | 'checkpoint_mismatch' | 'missing_records' | 'missing_contribution' | 'invalid_line' | 'truncated_file';

export interface ExportProblem {
  problem: ExportProblemKind;
  message: string;
  contributionId?: string;
  /** The first record known to be wrong or missing. */
  seq?: number;
  /** For checkpoint mismatches: the altered records lie in [alteredFrom, alteredTo]. */
  alteredFrom?: number;
  alteredTo?: number;
  checkpoint?: number;
  line?: number;
}

export interface CheckpointReport {
  sequence: number;
  createdAt: string;
  keyId: string;
  ok: boolean;
  /** Checked against a key the verifier was given, not the copy embedded in the checkpoint. */
  pinned: boolean;
  problems: string[];
}

export interface ExportVerification {
  ok: boolean;
  header: ExportHeader | null;
  trailer: ExportTrailer | null;
  records: number;
  contributions: number;
  /** The first problem in reading order (a broken, altered or missing record), null when none. */
  firstProblem: ExportProblem | null;
  problems: ExportProblem[];
  checkpoints: CheckpointReport[];
  /** Per contribution, how far the checkpoints vouch for it; records after that rest on the chain alone. */
  coverage: { contributionsCovered: number; recordsCovered: number; latestCheckpoint: number | null };
  notes: string[];
}

interface VouchedHead {
  checkpoint: number;
  createdAt: string;
  seq: number;
  hash: string;
}

interface ChainState {
  cursor: ChainCursor;
  records: number;
  broken: boolean;
  lastSeq: number;
  /** checkpoint sequence → whether the export's record at the vouched seq hashes as vouched */
  vouched: Map<number, { head: VouchedHead; matches: boolean; line: number }>;
}

export interface ExportVerifierOptions {
  checkpoints?: SignedCheckpoint[];
  /** The key the checkpoints must be signed with; without it the key embedded in each checkpoint is used (and said). */
  publicKey?: KeyObject;
}

export class ExportVerifier {
  private readonly chains = new Map<string, ChainState>();
  private readonly heads = new Map<string, VouchedHead[]>();
  private readonly problems: ExportProblem[] = [];
  private readonly notes: string[] = [];
  private readonly checkpointReports: CheckpointReport[] = [];
  private header: ExportHeader | null = null;
  private trailer: ExportTrailer | null = null;
  private records = 0;
  private lastLine = 0;

  constructor(options: ExportVerifierOptions = {}) {
    this.loadCheckpoints(options.checkpoints ?? [], options.publicKey);
  }

  addLine(line: string, lineNumber: number): void {
    this.lastLine = lineNumber;
    const parsed = parseExportLine(line);
    switch (parsed.type) {
      case 'blank':
        return;
      case 'invalid':
        this.problems.push({ problem: 'invalid_line', line: lineNumber, message: `line ${lineNumber}: ${parsed.message}` });
        return;
      case 'header':
        if (this.header || this.records > 0) this.problems.push({ problem: 'invalid_line', line: lineNumber, message: `line ${lineNumber}: a header after the start of the file` });
        else this.header = parsed.header;
        return;
      case 'end':
        this.trailer = parsed.trailer;
        return;
      case 'record':
        break;
    }
    if (this.trailer) this.problems.push({ problem: 'invalid_line', line: lineNumber, message: `line ${lineNumber}: a record after the end line` });
    const record = parsed.record;
    this.records++;
    let state = this.chains.get(record.contributionId);
    if (!state) {
      state = { cursor: chainStart(), records: 0, broken: false, lastSeq: 0, vouched: new Map() };
      this.chains.set(record.contributionId, state);
    }
    state.records++;
    state.lastSeq = Math.max(state.lastSeq, record.seq);
    if (!state.broken) {
      const found = checkNextRecord(state.cursor, record);
      if (found) {
        state.broken = true;
        this.problems.push({
          problem: found.problem,
          contributionId: record.contributionId,
          seq: found.seq,
          line: lineNumber,
          message: `contribution ${record.contributionId}: ${found.message} (line ${lineNumber})`,
        });
      }
    }
    const vouched = this.heads.get(record.contributionId)?.filter((head) => head.seq === record.seq) ?? [];
    if (vouched.length > 0) {
      const actual = hashRecord(record);
      for (const head of vouched) state.vouched.set(head.checkpoint, { head, matches: actual === head.hash && record.hash === head.hash, line: lineNumber });
    }
  }

  finish(): ExportVerification {
    if (this.header && !this.trailer) {
      this.problems.push({ problem: 'truncated_file', line: this.lastLine, message: `the file ends at line ${this.lastLine} without its end line: it was cut short` });
    }
    if (this.trailer && (this.trailer.records !== this.records || this.trailer.contributions !== this.chains.size)) {
      this.problems.push({
        problem: 'truncated_file',
        message: `the end line says ${this.trailer.records} records of ${this.trailer.contributions} contributions; the file holds ${this.records} of ${this.chains.size}`,
      });
    }
    let recordsCovered = 0;
    let contributionsCovered = 0;
    for (const [contributionId, heads] of this.heads) {
      if (this.header?.scope === 'contribution' && this.header.contributionId !== contributionId) continue;
      const state = this.chains.get(contributionId);
      if (!state) {
        if (this.header?.scope === 'all') {
          const latest = heads[heads.length - 1];
          this.problems.push({
            problem: 'missing_contribution',
            contributionId,
            seq: 1,
            checkpoint: latest.checkpoint,
            message: `contribution ${contributionId} is missing from the export; checkpoint #${latest.checkpoint} vouches for ${latest.seq} of its records`,
          });
        }
        continue;
      }
      const covered = this.compareWithCheckpoints(contributionId, state, heads);
      if (covered > 0) {
        contributionsCovered++;
        recordsCovered += covered;
      }
    }
    if (this.heads.size > 0 && !this.header) this.notes.push('the file has no header line, so contributions missing from it cannot be told apart from a partial export');
    const ordered = this.problems.map((problem, index) => ({ problem, index })).sort((a, b) => (a.problem.line ?? Infinity) - (b.problem.line ?? Infinity) || a.index - b.index);
    const valid = this.checkpointReports.filter((report) => report.ok);
    return {
      ok: this.problems.length === 0 && this.checkpointReports.every((report) => report.ok),
      header: this.header,
      trailer: this.trailer,
      records: this.records,
      contributions: this.chains.size,
      firstProblem: ordered[0]?.problem ?? null,
      problems: ordered.map((entry) => entry.problem),
      checkpoints: this.checkpointReports,
      coverage: { contributionsCovered, recordsCovered, latestCheckpoint: valid.length ? Math.max(...valid.map((report) => report.sequence)) : null },
      notes: this.notes,
    };
  }

  /** Returns how many of the chain's records a checkpoint vouches for (0 when one does not match). */
  private compareWithCheckpoints(contributionId: string, state: ChainState, heads: VouchedHead[]): number {
    let lastGood: VouchedHead | undefined;
    let firstBad: { head: VouchedHead; line?: number; missing: boolean } | undefined;
    for (const head of heads) {
      const seen = state.vouched.get(head.checkpoint);
      if (seen?.matches) {
        if (!firstBad) lastGood = head;
        continue;
      }
      firstBad ??= { head, line: seen?.line, missing: !seen };
    }
    if (!firstBad) return lastGood?.seq ?? 0;
    const bad = firstBad.head;
    const from = (lastGood?.seq ?? 0) + 1;
    const when = `checkpoint #${bad.checkpoint} (signed ${bad.createdAt})`;
    const still = lastGood ? `; checkpoint #${lastGood.checkpoint} still matches at record ${lastGood.seq}` : '';
    if (firstBad.missing) {
      const past = bad.seq > state.lastSeq;
      const missingFrom = past ? state.lastSeq + 1 : bad.seq;
      this.problems.push({
        problem: 'missing_records',
        contributionId,
        seq: missingFrom,
        checkpoint: bad.checkpoint,
        message: past
          ? `contribution ${contributionId}: ${when} vouches for ${bad.seq} records, the export ends at record ${state.lastSeq}: ${missingFrom === bad.seq ? `record ${bad.seq} is` : `records ${missingFrom}–${bad.seq} are`} missing${still}`
          : `contribution ${contributionId}: record ${bad.seq}, which ${when} vouches for, is missing from the export${still}`,
      });
      return 0;
    }
    const range = from === bad.seq ? `record ${bad.seq}` : `records ${from}–${bad.seq}`;
    this.problems.push({
      problem: 'checkpoint_mismatch',
      contributionId,
      seq: from,
      alteredFrom: from,
      alteredTo: bad.seq,
      checkpoint: bad.checkpoint,
      line: firstBad.line,
      message: `contribution ${contributionId}: record ${bad.seq} is not the one ${when} vouched for (hash ${bad.hash.slice(0, 12)}…): the history was rewritten in ${range}${still}`,
    });
    return 0;
  }

  private loadCheckpoints(checkpoints: SignedCheckpoint[], trusted?: KeyObject): void {
    const sorted = [...checkpoints].sort((a, b) => a.sequence - b.sequence);
    const valid: SignedCheckpoint[] = [];
    for (const checkpoint of sorted) {
      let key = trusted;
      if (!key && checkpoint.publicKey) {
        try {
          key = createPublicKey(checkpoint.publicKey);
        } catch {
          key = undefined;
        }
      }
      const check = key ? verifyCheckpoint(checkpoint, key) : { ok: false, problems: ['no public key to check its signature with (pass --public-key)'] };
      this.checkpointReports.push({
        sequence: checkpoint.sequence,
        createdAt: checkpoint.createdAt,
        keyId: checkpoint.keyId,
        ok: check.ok,
        pinned: trusted !== undefined,
        problems: check.problems,
      });
      if (check.ok) valid.push(checkpoint);
    }
    if (!trusted && checkpoints.length > 0) {
      this.notes.push('checkpoint signatures were checked with the key embedded in each checkpoint; pass the public key you trust (--public-key) so a forged checkpoint cannot vouch for itself');
    }
    for (let index = 1; index < valid.length; index++) {
      const [before, after] = [valid[index - 1], valid[index]];
      if (after.sequence === before.sequence + 1 && after.previous !== statementDigest(before)) {
        const report = this.checkpointReports.find((entry) => entry.sequence === after.sequence)!;
        report.ok = false;
        report.problems.push(`does not link to checkpoint #${before.sequence}: the checkpoints themselves were tampered with`);
      }
    }
    for (const checkpoint of valid) {
      if (!this.checkpointReports.find((entry) => entry.sequence === checkpoint.sequence)?.ok) continue;
      for (const head of checkpoint.heads) {
        const list = this.heads.get(head.contributionId) ?? [];
        list.push({ checkpoint: checkpoint.sequence, createdAt: checkpoint.createdAt, seq: head.seq, hash: head.hash });
        this.heads.set(head.contributionId, list);
      }
    }
    for (const list of this.heads.values()) list.sort((a, b) => a.seq - b.seq || a.checkpoint - b.checkpoint);
  }
}

/** Reads checkpoints from what GET /audit/checkpoints… returns: one checkpoint, a list, or `{ items }`. */
export function checkpointsFromJson(value: unknown): SignedCheckpoint[] {
  if (Array.isArray(value)) return value.flatMap(checkpointsFromJson);
  if (value && typeof value === 'object') {
    if ('items' in value && Array.isArray((value as { items: unknown }).items)) return checkpointsFromJson((value as { items: unknown[] }).items);
    if ('signature' in value && 'heads' in value) return [value as SignedCheckpoint];
    if ('signature' in value) throw new Error('a checkpoint without its heads: download it with its heads (GET /audit/checkpoints/<sequence> or ?include=heads)');
  }
  throw new Error('not a checkpoint: expected the JSON of GET /audit/checkpoints/<sequence> (or a list of them)');
}

export async function verifyExportLines(lines: AsyncIterable<string> | Iterable<string>, options: ExportVerifierOptions = {}): Promise<ExportVerification> {
  const verifier = new ExportVerifier(options);
  let lineNumber = 0;
  for await (const line of lines) verifier.addLine(line, ++lineNumber);
  return verifier.finish();
}
