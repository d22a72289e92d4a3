/**
 * How a revision's items are kept: JSON, brotli-compressed and base64-encoded (about 0.7× the body instead
 * of 3.5×: this file travels through the Actions cache on every run), behind a prefix that names the format.
 * `brid:` (today): each evidence names its rule by id (src/classify/rule-id.ts); the rule's text is stored
 * once in the rules table, so an old revision still explains itself after the config changes. Rows written
 * before still read: `br:` holds the rule text in each evidence, and the oldest rows are plain JSON.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { Item } from '../../parsers/model.js';
import { ruleId } from '../classify/rule-id.js';
import { StoreError } from '../domain/errors.js';

const BY_RULE_ID = 'brid:';
const WITH_RULE_TEXT = 'br:';
// Quality 4 compresses about as well as 11 on this JSON at a small fraction of the time.
const OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

export interface PackedItems {
  packed: string;
  /** The rules the evidence names: id -> rule text (`<field>:<pattern>`), for the rules table. */
  rules: Map<string, string>;
}

export function packItems(items: readonly Item[]): PackedItems {
  const rules = new Map<string, string>();
  const ids = new Map<string, string>();
  const idOf = (rule: string) => {
    let id = ids.get(rule);
    if (id === undefined) {
      ids.set(rule, (id = ruleId(rule)));
      rules.set(id, rule);
    }
    return id;
  };
  const stored = items.map((i) =>
    i.evidence.length ? { ...i, evidence: i.evidence.map((e) => ({ ...e, rule: idOf(e.rule) })) } : i,
  );
  return { packed: BY_RULE_ID + brotliCompressSync(JSON.stringify(stored), OPTIONS).toString('base64'), rules };
}

export interface UnpackedItems {
  /** As stored: where `ruleIds` is not empty, their evidence names rules by id (see `withRuleTexts`). */
  items: Item[];
  ruleIds: Set<string>;
}

export function unpackItems(stored: string): UnpackedItems {
  if (stored.startsWith(BY_RULE_ID)) {
    const items = JSON.parse(decompress(stored.slice(BY_RULE_ID.length))) as Item[];
    return { items, ruleIds: new Set(items.flatMap((i) => i.evidence.map((e) => e.rule))) };
  }
  const json = stored.startsWith(WITH_RULE_TEXT) ? decompress(stored.slice(WITH_RULE_TEXT.length)) : stored;
  return { items: JSON.parse(json) as Item[], ruleIds: new Set() };
}

/** The items with each rule id in their evidence replaced by the rule's text (`texts`: id -> text). */
export function withRuleTexts({ items, ruleIds }: UnpackedItems, texts: ReadonlyMap<string, string>): Item[] {
  if (!ruleIds.size) return items;
  for (const i of items) {
    for (const e of i.evidence) {
      const text = texts.get(e.rule);
      if (text === undefined) throw new StoreError(`stored evidence names rule ${e.rule}, which the rules table lacks`);
      e.rule = text;
    }
  }
  return items;
}

function decompress(base64: string): string {
  return brotliDecompressSync(Buffer.from(base64, 'base64')).toString('utf8');
}
