import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TransitionRecord } from './entities/transition-record.entity';
import { ChainBreak, ChainedFields, findFirstBreak, hashRecord } from './hash-chain.util';

export type NewRecord = Omit<ChainedFields, 'seq' | 'prevHash'>;

export interface ChainHead {
  headSeq: number;
  headHash: string | null;
}

/** The columns the transition path writes (see contributions/transition-store.util.ts). */
export const RECORD_COLUMNS = `contribution_id, seq, kind, event_type, from_stages, to_stages, payload, details,
  actor_person_id, actor_name, actor_role, actor_organisation_id, actor_organisation_name, organisation_id, reason,
  occurred_at, recorded_at, definition_id, definition_key, definition_version, contribution_version, prev_hash, hash`;

export interface VerificationResult {
  contributionId: string;
  ok: boolean;
  records: number;
  headHash: string | null;
  firstBreak?: ChainBreak & { recordId?: string };
}

@Injectable()
export class AuditTrailService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The next record of a contribution's chain, hashed and ready to insert. The caller holds the
   * contribution's row lock and passes its current head, so seq and prevHash cannot race.
   */
  chain(head: ChainHead, fields: NewRecord): TransitionRecord {
    const chained: ChainedFields = { ...fields, seq: head.headSeq + 1, prevHash: head.headHash };
    return Object.assign(new TransitionRecord(), chained, { hash: hashRecord(chained) });
  }

  async records(contributionId: string, em: EntityManager = this.dataSource.manager): Promise<TransitionRecord[]> {
    return em.getRepository(TransitionRecord).find({ where: { contributionId }, order: { seq: 'ASC' } });
  }

  /** Recomputes one contribution's chain and compares its end with the head kept on the contribution. */
  async verifyContribution(contributionId: string): Promise<VerificationResult | undefined> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const [head]: Array<{ head_seq: number; head_hash: string | null }> = await em.query(
        'SELECT head_seq, head_hash FROM contributions WHERE id = $1',
        [contributionId],
      );
      if (!head) return undefined;
      return this.verifyRecords(contributionId, await this.records(contributionId, em), { headSeq: head.head_seq, headHash: head.head_hash });
    });
  }

  verifyRecords(contributionId: string, records: TransitionRecord[], head?: ChainHead): VerificationResult {
    const found = findFirstBreak(records);
    const last = records[records.length - 1];
    const result: VerificationResult = { contributionId, ok: !found, records: records.length, headHash: last?.hash ?? null };
    if (found) {
      result.firstBreak = { ...found, recordId: records.find((record) => record.seq === found.seq)?.id };
      return result;
    }
    if (head && (head.headSeq !== records.length || head.headHash !== (last?.hash ?? null))) {
      result.ok = false;
      result.firstBreak = {
        seq: Math.min(head.headSeq, records.length + 1),
        problem: 'missing_record',
        message: `the contribution's chain head says ${head.headSeq} records ending in ${head.headHash?.slice(0, 12) ?? 'nothing'}, the table holds ${records.length}; records were removed or added outside the engine`,
      };
    }
    return result;
  }

  /** Every contribution, in batches; stops at nothing, reports every broken chain. */
  async verifyAll(batchSize = 500): Promise<{ ok: boolean; contributions: number; records: number; broken: VerificationResult[] }> {
    let after = '00000000-0000-0000-0000-000000000000';
    const broken: VerificationResult[] = [];
    let contributions = 0;
    let records = 0;
    for (;;) {
      const ids: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM contributions WHERE id > $1 ORDER BY id LIMIT $2', [after, batchSize]);
      if (ids.length === 0) break;
      for (const { id } of ids) {
        const result = await this.verifyContribution(id);
        if (!result) continue;
        contributions++;
        records += result.records;
        if (!result.ok) broken.push(result);
      }
      after = ids[ids.length - 1].id;
    }
    return { ok: broken.length === 0, contributions, records, broken };
  }
}
