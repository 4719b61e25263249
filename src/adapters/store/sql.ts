/**
 * The small SQL surface both databases share. Repositories are written once against it, with
 * `?` placeholders and portable SQL (TEXT, BIGINT, INTEGER 0/1 for booleans, ms timestamps),
 * so SQLite and PostgreSQL run the very same queries.
 */
export type SqlValue = string | number | bigint | null | Buffer;

export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
}

export interface Migration {
  version: number;
  name: string;
  /** Statements separated by `;` at line ends; must run on both dialects. */
  up: string;
}

/** Booleans are stored as 0/1 on both databases. */
export const bool = (value: boolean): number => (value ? 1 : 0);
export const toDate = (ms: number | string | null): Date | null =>
  ms === null ? null : new Date(Number(ms));
