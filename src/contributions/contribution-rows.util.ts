import type { EntityManager } from 'typeorm';
import { Contribution } from './entities/contribution.entity';
import type { SqlExecutor } from './fused-transaction';

/**
 * The transition path reads the contribution row with plain SQL: it runs on every event, and the
 * ORM's query building cost more than the query itself (measured with `npm run bench`).
 */
const COLUMNS = `id, definition_id, symbol, title, source, original_language, agenda_item, purpose, action_required,
  snapshot, current_stages, status, version, head_seq, head_hash, created_by, created_at, updated_at`;

interface ContributionRow {
  id: string;
  definition_id: string;
  symbol: string | null;
  title: string;
  source: string | null;
  original_language: string | null;
  agenda_item: string | null;
  purpose: string | null;
  action_required: string | null;
  snapshot: Contribution['snapshot'];
  current_stages: string[];
  status: Contribution['status'];
  version: number;
  head_seq: number;
  head_hash: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

function toContribution(row: ContributionRow): Contribution {
  return Object.assign(new Contribution(), {
    id: row.id,
    definitionId: row.definition_id,
    symbol: row.symbol,
    title: row.title,
    source: row.source,
    originalLanguage: row.original_language,
    agendaItem: row.agenda_item,
    purpose: row.purpose,
    actionRequired: row.action_required,
    snapshot: row.snapshot,
    currentStages: row.current_stages,
    status: row.status,
    version: row.version,
    headSeq: row.head_seq,
    headHash: row.head_hash,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

export async function readContribution(em: EntityManager, id: string): Promise<Contribution | undefined> {
  const rows: ContributionRow[] = await em.query(`SELECT ${COLUMNS} FROM contributions WHERE id = $1`, [id]);
  return rows[0] ? toContribution(rows[0]) : undefined;
}

/** Reads and row-locks contributions until the transaction ends, in id order so concurrent batches never deadlock. */
export async function lockContributions(query: SqlExecutor, ids: string[]): Promise<Map<string, Contribution>> {
  const rows =
    ids.length === 1
      ? await query<ContributionRow>(`SELECT ${COLUMNS} FROM contributions WHERE id = $1 FOR UPDATE`, ids)
      : await query<ContributionRow>(`SELECT ${COLUMNS} FROM contributions WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  return new Map(rows.map((row) => [row.id, toContribution(row)]));
}
