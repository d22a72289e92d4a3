/**
 * SQLite through Node's built-in `node:sqlite` (no native module to compile or download), as a kysely
 * dialect: kysely-generic-sqlite does the kysely side, this file only adapts node:sqlite's statements.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { RootOperationNode } from 'kysely';
import { GenericSqliteDialect, buildQueryFn, defaultIsQuery, parseBigInt } from 'kysely-generic-sqlite';

/** Raw SQL (`sql\`…\``) carries no query node: these statements return rows too. */
const RETURNS_ROWS = /^\s*(?:select|pragma|with|values|explain)\b|\breturning\b/i;

function isQuery(sqlText: string, node: RootOperationNode | undefined): boolean {
  return defaultIsQuery(sqlText, node) || (node?.kind === 'RawNode' || !node ? RETURNS_ROWS.test(sqlText) : false);
}

type Param = null | number | bigint | string | NodeJS.ArrayBufferView;

/** `mapError`: how a failed statement is reported (a locked or read-only file becomes store trouble naming it). */
export function nodeSqliteDialect(
  db: DatabaseSync,
  mapError: (e: unknown) => unknown = (e) => e,
): GenericSqliteDialect {
  const params = (p: readonly unknown[] = []) => p as Param[];
  const mapped = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw mapError(e);
    }
  };
  return new GenericSqliteDialect(() => ({
    db,
    close: () => db.close(),
    query: buildQueryFn({
      isQuery,
      all: (q, p) => mapped(() => db.prepare(q).all(...params(p))),
      run: (q, p) =>
        mapped(() => {
          const r = db.prepare(q).run(...params(p));
          return { insertId: parseBigInt(r.lastInsertRowid), numAffectedRows: parseBigInt(r.changes) };
        }),
    }),
  }));
}
