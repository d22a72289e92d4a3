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

export function nodeSqliteDialect(db: DatabaseSync): GenericSqliteDialect {
  const params = (p: readonly unknown[] = []) => p as Param[];
  return new GenericSqliteDialect(() => ({
    db,
    close: () => db.close(),
    query: buildQueryFn({
      isQuery,
      all: (q, p) => db.prepare(q).all(...params(p)),
      run: (q, p) => {
        const r = db.prepare(q).run(...params(p));
        return { insertId: parseBigInt(r.lastInsertRowid), numAffectedRows: parseBigInt(r.changes) };
      },
    }),
  }));
}
