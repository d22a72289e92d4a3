/**
 * Classification accuracy against hand-labelled items: `npm run eval -- --labels ../shared/labels`.
 * Matches our items to labelled ones by normalized text (key prefix), then prints precision, recall and
 * F1 per category. `--verbose` lists every false positive and false negative with its evidence.
 * Exits 1 when a category is under the bar (--min-f1, --min-precision; default 0.95).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Classifier } from '../src/classify/classifier.js';
import { loadConfig } from '../src/config/load.js';
import type { Item } from '../parsers/model.js';
import { parseAndClassify } from '../src/notes.js';
import { normalizedKey } from '../parsers/text.js';

interface LabelItem {
  id: string;
  release: string;
  text: string;
  key: string;
  section: string[];
  parents: string[];
}
interface Label {
  id: string;
  key: string;
  categories: string[];
}

const { values } = parseArgs({
  options: {
    labels: { type: 'string', default: '../shared/labels' },
    corpus: { type: 'string' },
    config: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    'min-f1': { type: 'string', default: '0.95' },
    'min-precision': { type: 'string', default: '0.95' },
  },
});
const labelsDir = resolve(values.labels!);
const corpusDir = resolve(values.corpus ?? join(labelsDir, '..', 'corpus'));
const config = loadConfig(values.config, process.env);
const classifier = new Classifier(config.resolvedCategories);

const readJsonl = <T>(f: string): T[] =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

const releaseRepo: Record<string, string> = { pytorch: 'pytorch/pytorch', tensorflow: 'tensorflow/tensorflow' };
const parsedCache = new Map<string, Item[]>();
function releaseItems(release: string): Item[] {
  let items = parsedCache.get(release);
  if (!items) {
    const [project, tag] = release.split('/') as [string, string];
    const body = readFileSync(join(corpusDir, project, 'releases', `${tag}.md`), 'utf8');
    items = parseAndClassify(body, releaseRepo[project] ?? `${project}/${project}`, classifier);
    parsedCache.set(release, items);
  }
  return items;
}

const stats = new Map<string, { tp: number; fp: number; fn: number }>();
const stat = (c: string) => stats.get(c) ?? (stats.set(c, { tp: 0, fp: 0, fn: 0 }), stats.get(c)!);
for (const c of classifier.categories) stat(c);
let total = 0;
let unmatched = 0;
const report: string[] = [];

for (const file of readdirSync(labelsDir)
  .filter((f) => f.endsWith('.labels.jsonl'))
  .sort()) {
  const labels = readJsonl<Label>(join(labelsDir, file));
  const items = readJsonl<LabelItem>(join(labelsDir, 'items', file.replace('.labels.jsonl', '.jsonl')));
  const byId = new Map(items.map((i) => [i.id, i]));
  const used = new Set<Item>();
  for (const label of labels) {
    total++;
    const li = byId.get(label.id);
    if (!li) throw new Error(`${file}: label ${label.id} has no item in items/`);
    const ours = releaseItems(li.release).find(
      (i) => !used.has(i) && normalizedKey(i.text, 100_000).startsWith(label.key),
    );
    if (!ours) {
      unmatched++;
      report.push(`UNMATCHED ${label.id} ${li.text.slice(0, 100)}`);
    } else used.add(ours);
    const got = new Set(ours?.categories ?? []);
    const want = new Set(label.categories);
    for (const c of new Set([...got, ...want])) {
      const s = stat(c);
      if (got.has(c) && want.has(c)) s.tp++;
      else if (got.has(c)) {
        s.fp++;
        report.push(
          `FP ${c.padEnd(12)} ${label.id} ${JSON.stringify(li.section.slice(-2))} ${JSON.stringify(li.parents)} | ${li.text.slice(0, 140)}\n    evidence: ${JSON.stringify(ours?.evidence.filter((e) => e.category === c))}`,
        );
      } else {
        s.fn++;
        report.push(
          `FN ${c.padEnd(12)} ${label.id} ${JSON.stringify(li.section.slice(-2))} ${JSON.stringify(li.parents)} | ${li.text.slice(0, 140)}`,
        );
      }
    }
  }
}

// Items the issue names explicitly (TensorFlow 2.1.0): they must carry these categories.
const mustHold: { release: string; contains: string; categories: string[] }[] = [
  {
    release: 'tensorflow/v2.1.0',
    contains: 'pip package now includes GPU support by default',
    categories: ['packaging', 'windows'],
  },
  { release: 'tensorflow/v2.1.0', contains: 'built with Visual Studio 2019', categories: ['windows', 'packaging'] },
];
let mustFailed = 0;
for (const m of mustHold) {
  const item = releaseItems(m.release).find((i) => i.text.includes(m.contains));
  const ok = !!item && m.categories.every((c) => item.categories.includes(c));
  if (!ok) mustFailed++;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${m.release} "${m.contains}": ${item ? JSON.stringify(item.categories) : 'item not found'} (want ${m.categories.join(' + ')})`,
  );
}

if (values.verbose) console.log(report.sort().join('\n'), '\n');
const minF1 = Number(values['min-f1']);
const minP = Number(values['min-precision']);
let failed = mustFailed > 0;
console.log(`labelled items: ${total}, matched: ${total - unmatched}, unmatched: ${unmatched}`);
console.log('category       precision  recall     F1   tp  fp  fn');
for (const [c, s] of [...stats].sort()) {
  const p = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
  const r = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  const ok = f1 >= minF1 && p >= minP;
  if (!ok && s.tp + s.fn > 0) failed = true;
  console.log(
    `${c.padEnd(14)} ${p.toFixed(3).padStart(9)} ${r.toFixed(3).padStart(7)} ${f1.toFixed(3).padStart(6)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}${ok ? '' : '  below target'}`,
  );
}
process.exit(failed ? 1 : 0);
