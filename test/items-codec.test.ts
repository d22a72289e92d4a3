import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Classifier } from '../src/classify/classifier.js';
import { ruleId } from '../src/classify/rule-id.js';
import { builtinCategories } from '../src/config/load.js';
import { CategoryRulesSchema } from '../src/config/schema.js';
import { parseAndClassify } from '../src/notes.js';
import { packItems, unpackItems, withRuleTexts } from '../src/store/items-codec.js';

const body = readFileSync(join(import.meta.dirname, '..', 'examples', 'releases', 'tensorflow', 'v3.0.0.md'), 'utf8');
const items = parseAndClassify(body, 'tensorflow/tensorflow', new Classifier(builtinCategories()));

describe('stored items', () => {
  it('round-trip through the packed form, a fraction of the plain JSON', () => {
    const { packed, rules } = packItems(items);
    expect(withRuleTexts(unpackItems(packed), rules)).toEqual(items);
    expect(packed.length).toBeLessThan(JSON.stringify(items).length / 3);
  });

  it('name each rule by id, and hand its text over once', () => {
    const { packed, rules } = packItems(items);
    const stored = unpackItems(packed);
    const named = items.flatMap((i) => i.evidence.map((e) => e.rule));
    expect(named.length).toBeGreaterThan(rules.size); // some rule fires on several items
    expect(stored.items.flatMap((i) => i.evidence.map((e) => e.rule))).toEqual(named.map(ruleId));
    expect(new Set(rules.values())).toEqual(new Set(named));
    expect([...stored.ruleIds].sort()).toEqual([...rules.keys()].sort());
  });

  it('still read when written with the rule text (br:) or as plain JSON (rows from before rule ids)', () => {
    const withText = `br:${brotliCompressSync(JSON.stringify(items)).toString('base64')}`;
    for (const old of [withText, JSON.stringify(items)]) {
      const u = unpackItems(old);
      expect(u.ruleIds.size).toBe(0);
      expect(withRuleTexts(u, new Map())).toEqual(items);
    }
  });
});

describe('rule ids', () => {
  const rules = (regexes: string[]) => ({ c: CategoryRulesSchema.parse({ regexes }) });
  const idsOf = (regexes: string[]) =>
    new Classifier(rules(regexes))
      .classify({ ...items[0]!, text: 'all-reduce over nccl' })
      .evidence.map((e) => ruleId(e.rule));

  it('follow the rule text: the same after reordering the config, another after editing a pattern', () => {
    const [reduce, nccl] = idsOf(['all-?reduce', '\\bnccl\\b']);
    expect(idsOf(['\\bnccl\\b', 'all-?reduce'])).toEqual([nccl, reduce]);
    const edited = idsOf(['all[- ]?reduce', '\\bnccl\\b']);
    expect(edited[1]).toBe(nccl);
    expect(edited[0]).not.toBe(reduce);
    expect(reduce).toMatch(/^regexes:[0-9a-f]{12}$/);
  });
});
