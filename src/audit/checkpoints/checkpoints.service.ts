import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { ChainCursor, checkNextRecord } from '../hash-chain.util';
import { RECORD_SELECT, RecordRow, toTransitionRecord } from '../record-rows.util';
import { BrokenChainNote, ChainHeadEntry, signCheckpoint, SignedCheckpoint } from './checkpoint.util';
import { loadOrCreateSigningKey, SigningKey } from './signing-key.util';

export type CheckpointTrigger = 'schedule' | 'request' | 'cli';

interface CheckpointRow {
  sequence: number;
  created_at: Date;
  key_id: string;
  previous: string | null;
  chains: number;
  records: string;
  heads_digest: string;
  broken: BrokenChainNote[];
  heads?: ChainHeadEntry[];
  digest: string;
  signature: string;
  public_key: string;
  trigger: CheckpointTrigger;
  last_record_id: string | null;
}

export type CheckpointView = SignedCheckpoint & { trigger: CheckpointTrigger };

/** Contributions whose new records are verified per query when a checkpoint is signed. */
const SEGMENT_BATCH = 100;

/**
 * Signs the heads of every chain. Before a head is signed, the records added since the previous
 * checkpoint are verified from the head that checkpoint signed, so a chain rewritten in between
 * (even re-chained) is never vouched for: its last good head is signed again and the break is
 * stated in the checkpoint. Checkpoints are serialised by an advisory lock, numbered, linked to
 * their predecessor and append-only in the database.
 */
@Injectable()
export class CheckpointsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CheckpointsService.name);
  private key?: SigningKey;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.signingKey();
  }

  /** The key, loaded (or created) once per process. */
  signingKey(): SigningKey {
    if (!this.key) {
      this.key = loadOrCreateSigningKey(this.config.checkpointKeyPath);
      if (this.key.created) {
        this.logger.warn(
          `created a new Ed25519 checkpoint key at ${this.key.path} (mode 0600; public key in ${this.key.path}.pub, id ${this.key.keyId.slice(0, 16)}…); back it up and keep it out of the database`,
        );
      } else {
        this.logger.log(`checkpoint key ${this.key.keyId.slice(0, 16)}… loaded from ${this.key.path}`);
      }
      for (const warning of this.key.warnings) this.logger.warn(warning);
    }
    return this.key;
  }

  /**
   * Signs a checkpoint now. With `onlyIfChanged` (the periodic job), nothing is signed when no
   * record was appended since the last checkpoint; the answer is then `undefined`.
   */
  async create(trigger: CheckpointTrigger, options: { requestedBy?: string | null; onlyIfChanged?: boolean } = {}): Promise<CheckpointView | undefined> {
    const key = this.signingKey();
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('audit-checkpoint'))`);
      const [last]: CheckpointRow[] = await em.query(`SELECT * FROM audit_checkpoints ORDER BY sequence DESC LIMIT 1`);
      const [{ max }]: Array<{ max: string | null }> = await em.query(`SELECT max(id) AS max FROM transition_records`);
      if (options.onlyIfChanged && (max === null || last?.last_record_id === max)) return undefined;

      const current: Array<{ id: string; head_seq: number; head_hash: string }> = await em.query(
        `SELECT id, head_seq, head_hash FROM contributions WHERE head_seq > 0 ORDER BY id`,
      );
      const previous = new Map((last?.heads ?? []).map((head) => [head.contributionId, head]));
      const { heads, broken } = await this.checkedHeads(em, current, previous);
      for (const note of broken) this.logger.error(`audit chain of contribution ${note.contributionId} does not verify at record ${note.seq} (${note.problem}); its last good head is signed instead`);

      const checkpoint = signCheckpoint(
        { sequence: (last?.sequence ?? 0) + 1, createdAt: new Date(), previous: last?.digest ?? null, heads, broken },
        key.privateKey,
      );
      await em.query(
        `INSERT INTO audit_checkpoints (sequence, created_at, key_id, previous, chains, records, heads_digest, broken, heads, digest, signature, public_key, trigger, requested_by, last_record_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          checkpoint.sequence,
          checkpoint.createdAt,
          checkpoint.keyId,
          checkpoint.previous,
          checkpoint.chains,
          checkpoint.records,
          checkpoint.headsDigest,
          JSON.stringify(checkpoint.broken),
          JSON.stringify(checkpoint.heads),
          checkpoint.digest,
          checkpoint.signature,
          checkpoint.publicKey,
          trigger,
          options.requestedBy ?? null,
          max,
        ],
      );
      this.logger.log(`signed audit checkpoint #${checkpoint.sequence}: ${checkpoint.chains} chains, ${checkpoint.records} records (${trigger})`);
      return { ...checkpoint, trigger };
    });
  }

  private async checkedHeads(
    em: EntityManager,
    current: Array<{ id: string; head_seq: number; head_hash: string }>,
    previous: Map<string, ChainHeadEntry>,
  ): Promise<{ heads: ChainHeadEntry[]; broken: BrokenChainNote[] }> {
    const heads: ChainHeadEntry[] = [];
    const broken: BrokenChainNote[] = [];
    const changed: Array<{ id: string; from: ChainHeadEntry | undefined; to: { seq: number; hash: string } }> = [];
    for (const row of current) {
      const before = previous.get(row.id);
      const now = { seq: row.head_seq, hash: row.head_hash };
      if (before && before.seq === now.seq && before.hash === now.hash) heads.push(before);
      else if (before && before.seq >= now.seq) {
        heads.push(before);
        broken.push({ contributionId: row.id, seq: now.seq, problem: `the chain head moved back from record ${before.seq} to ${now.seq}, or its hash changed` });
      } else changed.push({ id: row.id, from: before, to: now });
    }
    const present = new Set(current.map((row) => row.id));
    for (const head of previous.values()) {
      if (!present.has(head.contributionId)) {
        heads.push(head);
        broken.push({ contributionId: head.contributionId, seq: 1, problem: 'the contribution or all its records disappeared' });
      }
    }
    for (let index = 0; index < changed.length; index += SEGMENT_BATCH) {
      const batch = changed.slice(index, index + SEGMENT_BATCH);
      const rows: RecordRow[] = await em.query(
        `SELECT ${RECORD_SELECT}
           FROM transition_records r
           JOIN unnest($1::uuid[], $2::int[], $3::int[]) AS h(contribution_id, after_seq, up_to_seq)
             ON r.contribution_id = h.contribution_id AND r.seq > h.after_seq AND r.seq <= h.up_to_seq
          ORDER BY r.contribution_id, r.seq`,
        [batch.map((c) => c.id), batch.map((c) => c.from?.seq ?? 0), batch.map((c) => c.to.seq)],
      );
      const byContribution = new Map<string, RecordRow[]>();
      for (const row of rows) (byContribution.get(row.contribution_id) ?? byContribution.set(row.contribution_id, []).get(row.contribution_id)!).push(row);
      for (const chain of batch) {
        const cursor: ChainCursor = { expectedSeq: (chain.from?.seq ?? 0) + 1, previousHash: chain.from?.hash ?? null };
        let problem: { seq: number; problem: string } | undefined;
        for (const row of byContribution.get(chain.id) ?? []) {
          const found = checkNextRecord(cursor, toTransitionRecord(row));
          if (found) {
            problem = { seq: found.seq, problem: found.problem };
            break;
          }
        }
        if (!problem && (cursor.expectedSeq - 1 !== chain.to.seq || cursor.previousHash !== chain.to.hash)) {
          problem = { seq: cursor.expectedSeq, problem: 'the records do not reach the head kept on the contribution' };
        }
        if (problem) {
          broken.push({ contributionId: chain.id, ...problem });
          if (chain.from) heads.push(chain.from);
        } else heads.push({ contributionId: chain.id, seq: chain.to.seq, hash: chain.to.hash });
      }
    }
    return { heads, broken };
  }

  async list(options: { limit: number; before?: number; includeHeads: boolean }): Promise<{ items: CheckpointView[]; next: number | null }> {
    const columns = options.includeHeads ? '*' : 'sequence, created_at, key_id, previous, chains, records, heads_digest, broken, digest, signature, public_key, trigger';
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT ${columns} FROM audit_checkpoints WHERE ($1::int IS NULL OR sequence < $1) ORDER BY sequence DESC LIMIT $2`,
      [options.before ?? null, options.limit + 1],
    );
    const items = rows.slice(0, options.limit).map(toView);
    return { items, next: rows.length > options.limit ? items[items.length - 1].sequence : null };
  }

  async get(sequence: number): Promise<CheckpointView | undefined> {
    const [row]: CheckpointRow[] = await this.dataSource.query(`SELECT * FROM audit_checkpoints WHERE sequence = $1`, [sequence]);
    return row ? toView(row) : undefined;
  }

  async latest(): Promise<CheckpointView | undefined> {
    const [row]: CheckpointRow[] = await this.dataSource.query(`SELECT * FROM audit_checkpoints ORDER BY sequence DESC LIMIT 1`);
    return row ? toView(row) : undefined;
  }

  /** The latest checkpoint's head for one contribution (for reports: "records 1–n are vouched for"). */
  async latestHeadOf(contributionId: string): Promise<{ sequence: number; createdAt: string; seq: number; hash: string } | undefined> {
    const [row]: Array<{ sequence: number; created_at: Date; head: ChainHeadEntry | null }> = await this.dataSource.query(
      `SELECT c.sequence, c.created_at,
              (SELECT h FROM jsonb_array_elements(c.heads) h WHERE h->>'contributionId' = $1 LIMIT 1) AS head
         FROM audit_checkpoints c ORDER BY c.sequence DESC LIMIT 1`,
      [contributionId],
    );
    if (!row?.head) return undefined;
    return { sequence: row.sequence, createdAt: new Date(row.created_at).toISOString(), seq: row.head.seq, hash: row.head.hash };
  }
}

function toView(row: CheckpointRow): CheckpointView {
  const view: CheckpointView = {
    type: 'consultation-engine/checkpoint',
    version: 1,
    sequence: row.sequence,
    createdAt: new Date(row.created_at).toISOString(),
    keyId: row.key_id,
    previous: row.previous,
    chains: row.chains,
    records: Number(row.records),
    headsDigest: row.heads_digest,
    broken: row.broken,
    digest: row.digest,
    signature: row.signature,
    heads: row.heads ?? [],
    publicKey: row.public_key,
    trigger: row.trigger,
  };
  if (!row.heads) delete (view as Partial<CheckpointView>).heads;
  return view;
}
