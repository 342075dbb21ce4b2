import type { PoolClient } from 'pg';
import { prepareValue } from 'pg/lib/utils';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';

export type SqlExecutor = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/**
 * A transaction whose BEGIN travels with its first statement and whose COMMIT travels with its
 * last: two round trips fewer per transition. On these machines a round trip to Postgres costs
 * more CPU in system calls than the statement itself (measured with `npm run bench`), and the
 * transition path runs on every event.
 *
 * Joining statements needs Postgres's simple protocol, which takes no parameters: they are
 * written into the text as literals, serialised by node-postgres exactly as it serialises bound
 * parameters (`prepareValue`) and quoted by its `escapeLiteral`. Domain hooks keep using the
 * EntityManager, on the same connection, inside the same transaction.
 */
export class FusedTransaction {
  private begun = false;
  private finished = false;

  private constructor(
    private readonly runner: QueryRunner,
    private readonly client: PoolClient,
  ) {}

  static async start(dataSource: DataSource): Promise<FusedTransaction> {
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    return new FusedTransaction(runner, client);
  }

  /** For domain hooks: TypeORM on this transaction's connection. */
  get em(): EntityManager {
    return this.runner.manager;
  }

  /** Runs a statement; the transaction's first statement carries BEGIN with it. */
  readonly query: SqlExecutor = async <T>(sql: string, params: unknown[] = []) => {
    if (this.begun) return this.run<T>(sql, params);
    this.markBegun();
    return this.runJoined<T>(['BEGIN', this.inline(sql, params)], 1);
  };

  /** Runs the transaction's last statement with COMMIT after it. */
  readonly queryAndCommit: SqlExecutor = async <T>(sql: string, params: unknown[] = []) => {
    const statements = this.begun ? [this.inline(sql, params), 'COMMIT'] : ['BEGIN', this.inline(sql, params), 'COMMIT'];
    this.markBegun();
    const rows = await this.runJoined<T>(statements, statements.length - 2);
    this.finished = true;
    return rows;
  };

  async commit(): Promise<void> {
    if (!this.begun || this.finished) return;
    this.finished = true;
    await this.run('COMMIT');
  }

  async rollback(): Promise<void> {
    if (!this.begun || this.finished) return;
    this.finished = true;
    await this.run('ROLLBACK');
  }

  release(): void {
    this.setTypeOrmTransactionFlag(false);
    void this.runner.release();
  }

  private markBegun(): void {
    this.begun = true;
    this.setTypeOrmTransactionFlag(true);
  }

  /** TypeORM must not open a transaction of its own for repository writes made by hooks. */
  private setTypeOrmTransactionFlag(active: boolean): void {
    (this.runner as { isTransactionActive: boolean }).isTransactionActive = active;
  }

  private async run<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    try {
      return (await this.client.query(sql, params)).rows as T[];
    } catch (error) {
      throw new QueryFailedError(sql, params, error as Error);
    }
  }

  /** Several statements in one simple-protocol message; returns the rows of statement `index`. */
  private async runJoined<T>(statements: string[], index: number): Promise<T[]> {
    const sql = statements.join(';\n');
    try {
      const results = (await this.client.query(sql)) as unknown as Array<{ rows: T[] }>;
      return results[index].rows;
    } catch (error) {
      throw new QueryFailedError(sql.slice(0, 2000), [], error as Error);
    }
  }

  private inline(sql: string, params: unknown[]): string {
    return sql.replace(/\$(\d+)\b/g, (_, position: string) => {
      const value = params[Number(position) - 1];
      const prepared = prepareValue(value);
      return prepared === null || prepared === undefined ? 'NULL' : this.client.escapeLiteral(String(prepared));
    });
  }
}
