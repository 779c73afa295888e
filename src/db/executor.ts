/**
 * The smallest SQL surface the migration runner and the seed need, over both drivers:
 * a dedicated postgres.js connection (so session-level advisory locks and transactions hold)
 * or an embedded PGlite instance (one connection by nature).
 */
import type { PGlite } from '@electric-sql/pglite';
import type { ReservedSql, Sql } from 'postgres';

export interface SqlExecutor {
  readonly kind: 'postgres' | 'pglite';
  /** One statement with $1.. parameters; returns its rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** One or more statements with no parameters (simple query protocol). */
  exec(text: string): Promise<void>;
  /** Gives the connection back. */
  release(): Promise<void>;
}

/** Reserves one connection from a postgres.js pool for the executor's lifetime. */
export async function reservePostgres(sql: Sql): Promise<SqlExecutor> {
  const conn: ReservedSql = await sql.reserve();
  return {
    kind: 'postgres',
    async query<T>(text: string, params: unknown[] = []) {
      return (await conn.unsafe(text, params as never[])) as unknown as T[];
    },
    async exec(text: string) {
      await conn.unsafe(text);
    },
    async release() {
      conn.release();
    },
  };
}

export function pgliteExecutor(pg: PGlite): SqlExecutor {
  return {
    kind: 'pglite',
    async query<T>(text: string, params: unknown[] = []) {
      return (await pg.query<T>(text, params)).rows;
    },
    async exec(text: string) {
      await pg.exec(text);
    },
    async release() {},
  };
}
