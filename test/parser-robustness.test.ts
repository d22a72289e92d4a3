// The parser must never throw, whatever it is given, and must keep its output invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNotes } from '../parsers/index.js';
import type { ParsedItem } from '../parsers/model.js';
import { longBody, markdownish, mutated, nestedList, nestedQuotes } from './helpers/markdown-gen.js';

function checkInvariants(items: ParsedItem[]): void {
  const ids = new Set<string>();
  for (const i of items) {
    expect(['item', 'paragraph', 'cell', 'heading']).toContain(i.kind);
    expect(i.breaking).toBe(i.change === 'breaking');
    if (i.body) expect(i.body.text + i.body.markdown).not.toBe('');
    expect(i.text.length).toBeGreaterThan(0);
    expect(i.text).toBe(i.text.replace(/\s+/g, ' ').trim());
    expect(ids.has(i.id)).toBe(false);
    ids.add(i.id);
    for (const r of i.refs) expect(Number.isSafeInteger(r)).toBe(true);
    for (const s of [...i.section, ...i.parents]) expect(typeof s).toBe('string');
  }
}

describe('parser robustness', () => {
  it('never throws on generated markdown, and ids are unique', () => {
    fc.assert(
      fc.property(markdownish, fc.constantFrom('pytorch/pytorch', 'tensorflow/tensorflow', 'a/b'), (md, repo) => {
        checkInvariants(parseNotes(md, repo));
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws on mutated markdown with binary junk', () => {
    fc.assert(
      fc.property(mutated, (md) => {
        checkInvariants(parseNotes(md, 'pytorch/pytorch'));
      }),
      { numRuns: 1500 },
    );
  });

  it('parses bullets nested 200 deep, keeping every parent', () => {
    const items = parseNotes(nestedList(200), 'pytorch/pytorch');
    expect(items.length).toBeGreaterThan(0);
    checkInvariants(items);
    const deepest = items[items.length - 1]!;
    expect(deepest.parents.length).toBe(items.length - 1);
  });

  it('parses block quotes nested 200 deep', () => {
    checkInvariants(parseNotes(nestedQuotes(200), 'tensorflow/tensorflow'));
  });

  it('parses a 125,000-character body (GitHub maximum)', () => {
    const items = parseNotes(longBody(125_000), 'pytorch/pytorch');
    checkInvariants(items);
    expect(items.length).toBeGreaterThan(1000);
  });

  it('parses unclosed fences, raw HTML and unterminated tables', () => {
    const md = '# A\n```python\n* not an item\n\n<table><tr><td>cell one here\n| a | b |\n|---|\n| c |';
    checkInvariants(parseNotes(md, 'a/b'));
    expect(parseNotes(md, 'a/b').some((i) => i.text === 'not an item')).toBe(false);
  });
});
