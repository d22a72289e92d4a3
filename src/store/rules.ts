/**
 * The rules table: the text of every rule stored evidence names, once, by id (src/classify/rule-id.ts).
 * Ids follow the text, so a row never changes: an edited rule is a new row, and the old one keeps
 * explaining the revisions classified with it.
 */
import { splitRule } from '../classify/rule-id.js';
import { StoreError } from '../domain/errors.js';
import type { Db } from './tables.js';

// Keeps each statement well under SQLite's and PostgreSQL's limits on bound parameters.
const BATCH = 500;

/** Inserts the rules not stored yet (id -> `<field>:<pattern>`), in the caller's transaction. */
export async function saveRules(db: Db, rules: ReadonlyMap<string, string>): Promise<void> {
  // In id order: two writers inserting overlapping new rules then take PostgreSQL's row locks in one order
  // and cannot deadlock.
  const rows = [...rules]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, rule]) => ({ id, ...splitRule(rule) }));
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('rules')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  // Two texts with one id (a hash collision) would make old evidence name the wrong rule: refuse to write.
  const stored = await ruleTexts(db, rules.keys());
  for (const [id, rule] of rules) {
    if (stored.get(id) !== rule) {
      throw new StoreError(
        `rule id ${id} already names ${JSON.stringify(stored.get(id))}, not ${JSON.stringify(rule)}`,
      );
    }
  }
}

/** The text (`<field>:<pattern>`) of each rule id found. */
export async function ruleTexts(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...ids];
  const out = new Map<string, string>();
  for (let i = 0; i < list.length; i += BATCH) {
    const rows = await db
      .selectFrom('rules')
      .select(['id', 'field', 'pattern'])
      .where('id', 'in', list.slice(i, i + BATCH))
      .execute();
    for (const r of rows) out.set(r.id, `${r.field}:${r.pattern}`);
  }
  return out;
}
