// The eval's scoring (scripts/eval-score.ts) on a small labelled set of our own: how labels meet items
// (title, else body), what counts as missed, unlabelled or a non-item, and the kind and category counts.
import { describe, expect, it } from 'vitest';
import { normalizedKey } from '../parsers/text.js';
import { parseAndClassify } from '../src/notes.js';
import type { EvalLabel, LabelSet } from '../scripts/eval-sets.js';
import { confusionTable, prf, score } from '../scripts/eval-score.js';
import { builtinClassifier } from './helpers/classifier.js';

const BODY = [
  '## Breaking Changes',
  '### NCCL timeouts are enforced (#101)',
  'A collective that exceeds its timeout now raises instead of hanging.',
  '## Features',
  '* Add `loom.ring_attention` for long sequences (#102)',
  '* The `Pipeline` class is deprecated (#103)',
  '## New Contributors',
  '* @ada made their first contribution in https://github.com/loom/loom/pull/104',
].join('\n');

const label = (text: string, change: EvalLabel['change'], categories: string[]): EvalLabel => ({
  doc: 'loom.md',
  id: text.slice(0, 12),
  key: normalizedKey(text),
  text,
  change,
  categories,
  where: '',
});

const set = (labels: EvalLabel[]): LabelSet => ({
  kind: 'generic',
  docs: [{ id: 'loom.md', repo: 'loom/loom', body: BODY }],
  labels,
  nonItems: [
    { doc: 'loom.md', text: '### Features', why: 'heading' },
    {
      doc: 'loom.md',
      text: '@ada made their first contribution in https://github.com/loom/loom/pull/104',
      why: 'new-contributor line',
    },
  ],
});
const run = (labels: EvalLabel[]) =>
  score(set(labels), (body, repo) => parseAndClassify(body, repo, builtinClassifier), builtinClassifier.categories);

describe('eval scoring', () => {
  it('meets a label by title, an explanation label through its item’s body, and counts what is missed', () => {
    const s = run([
      // an explanation paragraph labelled on its own meets the item it belongs to, with that item's kind
      label('A collective that exceeds its timeout now raises instead of hanging.', 'breaking', ['distributed']),
      label('Add loom.ring_attention for long sequences (#102)', 'feature', ['quantization']),
      label('The Pipeline class is deprecated (#103)', 'deprecation', []),
      label('Support for a format these notes never mention', 'feature', []),
    ]);
    expect(s.missed.map((l) => l.text)).toEqual(['Support for a format these notes never mention']);
    // the title item "NCCL timeouts are enforced" is met through its body, so every item is labelled
    expect(s.unlabelled).toEqual([]);
    expect(s.items).toBe(3);
    expect(s.nonItemsEmitted).toEqual([]);
    // a missed label counts against kind accuracy
    expect([s.kindCorrect, s.kindLabelled]).toEqual([3, 4]);
    expect(s.breaking).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(s.deprecation).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(prf(s.categories.get('distributed')!)).toEqual({ p: 1, r: 1, f1: 1 });
    expect(s.categories.get('quantization')).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(confusionTable(s.confusion)[0]).toMatch(/^label \\ ours\s+breaki deprec featur .* missed$/);
  });

  it('an item no label meets is unlabelled; one whose title is a non-item line is reported as emitted', () => {
    const s = run([label('The Pipeline class is deprecated (#103)', 'deprecation', [])]);
    expect(s.unlabelled.map((i) => i.text)).toEqual([
      'NCCL timeouts are enforced (#101)',
      'Add loom.ring_attention for long sequences (#102)',
    ]);
    const withContributor = score(
      { ...set([]), docs: [{ id: 'loom.md', repo: 'loom/loom', body: BODY.replace('## New Contributors\n', '') }] },
      (body, repo) => parseAndClassify(body, repo, builtinClassifier),
      builtinClassifier.categories,
    );
    expect(withContributor.nonItemsEmitted.map((n) => n.nonItem.why)).toEqual(['new-contributor line']);
  });
});
