import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { RECORD_SELECT, RecordRow, toTransitionRecord } from '../record-rows.util';
import { csvChunk, exportHeader, exportTrailer, ndjsonLine, recordLine } from './record-export.util';

export type ExportFormat = 'ndjson' | 'csv';

export interface ExportOptions {
  format: ExportFormat;
  contributionId?: string;
  batchSize?: number;
}

export interface ExportSummary {
  records: number;
  contributions: number;
  /** False when the reader went away before the end. */
  complete: boolean;
}

/**
 * Streams transition records, one contribution's chain after another in seq order, in batches
 * read by keyset (contribution_id, seq) inside one REPEATABLE READ transaction: the file is one
 * consistent snapshot and memory stays at one batch, whatever the size of the trail.
 */
@Injectable()
export class AuditExportService {
  constructor(private readonly dataSource: DataSource) {}

  async contributionExists(id: string): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 FROM contributions WHERE id = $1', [id]);
    return rows.length > 0;
  }

  async write(out: Writable, options: ExportOptions): Promise<ExportSummary> {
    const batchSize = options.batchSize ?? 1000;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let records = 0;
    let contributions = 0;
    let lastContribution: string | null = null;
    try {
      await runner.startTransaction('REPEATABLE READ');
      // Back-pressure: wait for the reader, and stop (rather than wait forever) if it went away.
      const send = async (chunk: string) => {
        if (out.destroyed) return false;
        if (chunk && !out.write(chunk) && !out.destroyed) {
          await new Promise<void>((resolve) => {
            const done = () => {
              out.off('drain', done);
              out.off('close', done);
              resolve();
            };
            out.on('drain', done);
            out.on('close', done);
          });
        }
        return !out.destroyed;
      };
      const opening = options.format === 'ndjson' ? ndjsonLine(exportHeader(options.contributionId ? 'contribution' : 'all', options.contributionId ?? null)) : csvChunk([], true);
      if (!(await send(opening))) return { records, contributions, complete: false };

      let cursor: { contributionId: string; seq: number } = { contributionId: '00000000-0000-0000-0000-000000000000', seq: 0 };
      for (;;) {
        const rows: RecordRow[] = await runner.query(
          `SELECT ${RECORD_SELECT} FROM transition_records r
            WHERE (r.contribution_id, r.seq) > ($1::uuid, $2::int) AND ($3::uuid IS NULL OR r.contribution_id = $3)
            ORDER BY r.contribution_id, r.seq LIMIT $4`,
          [cursor.contributionId, cursor.seq, options.contributionId ?? null, batchSize],
        );
        if (rows.length === 0) break;
        const batch = rows.map(toTransitionRecord);
        for (const record of batch) {
          if (record.contributionId !== lastContribution) {
            contributions++;
            lastContribution = record.contributionId;
          }
        }
        records += batch.length;
        const chunk = options.format === 'ndjson' ? batch.map(recordLine).join('') : csvChunk(batch, false);
        if (!(await send(chunk))) return { records, contributions, complete: false };
        const last = batch[batch.length - 1];
        cursor = { contributionId: last.contributionId, seq: last.seq };
        if (rows.length < batchSize) break;
      }
      if (options.format === 'ndjson' && !(await send(ndjsonLine(exportTrailer(records, contributions))))) return { records, contributions, complete: false };
      return { records, contributions, complete: true };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }
}
