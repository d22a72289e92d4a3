/**
 * Corpus fuzz: every corpus release cut at random points (and spliced with junk) must parse without
 * throwing; parse time must grow linearly with input size. `npm run fuzz:corpus -- --corpus ../shared/corpus`.
 * Seeded, so a failure can be replayed with --seed. Exits 1 on any failure.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories } from '../src/config/load.js';
import { parseAndClassify } from '../src/notes.js';
import { sameTreeAsRemarkGfm } from '../parsers/markdown-check.js';
import { corpusReleases } from './corpus-files.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: '../shared/corpus' },
    cuts: { type: 'string', default: '8' },
    seed: { type: 'string', default: String(Date.now() % 100000) },
  },
});
let state = Number(values.seed) >>> 0 || 1;
const rand = (n: number) => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) % Math.max(1, n);
};
const JUNK = ['\u0000', '\uD800', '```', '<table><tr><td>', '* ', '\r', '|---|', '<!--', '[x](', '> > >', '\uFFFD'];

const classifier = new Classifier(builtinCategories());
const releases = corpusReleases(resolve(values.corpus!));
let runs = 0;
let failures = 0;
console.log(`corpus fuzz: ${releases.length} releases, ${values.cuts} cuts each, seed ${values.seed}`);
for (const r of releases) {
  for (let k = 0; k < Number(values.cuts); k++) {
    const a = rand(r.body.length + 1);
    const b = a + rand(r.body.length - a + 1);
    const junk = JUNK[rand(JUNK.length)]!;
    const input = k % 2 ? r.body.slice(a, b) : r.body.slice(0, a) + junk + r.body.slice(b);
    runs++;
    try {
      parseAndClassify(input, r.repo, classifier);
    } catch (e) {
      failures++;
      console.error(`FAIL ${r.file} cut ${a}..${b}${k % 2 ? '' : ` + ${JSON.stringify(junk)}`}: ${(e as Error).stack}`);
    }
  }
}

// The front end's lighter literal autolinks (parsers/markdown.ts) must give remark-gfm's tree on real notes,
// whole and cut.
let differ = 0;
for (const r of releases) {
  const cut = r.body.slice(0, rand(r.body.length + 1));
  for (const input of [r.body, cut]) {
    const why = sameTreeAsRemarkGfm(input);
    if (why) {
      differ++;
      console.error(`FAIL ${r.file}: the tree differs from remark-gfm's: ${why}`);
    }
  }
}
failures += differ;
console.log(`${releases.length * 2} bodies parsed as remark-gfm does, ${differ} differ`);

// Linear time: ms per KB at growing sizes of real text must stay flat (within a generous factor).
const all = releases.map((r) => r.body).join('\n\n');
const sizes = [16_000, 32_000, 64_000, 125_000, 250_000];
const perKb: number[] = [];
parseAndClassify(all.slice(0, 64_000), 'pytorch/pytorch', classifier); // warm up the JIT
for (const size of sizes) {
  const input = all.slice(0, size);
  const t0 = performance.now();
  for (let i = 0; i < 3; i++) parseAndClassify(input, 'pytorch/pytorch', classifier);
  const ms = (performance.now() - t0) / 3;
  perKb.push(ms / (size / 1000));
  console.log(
    `  ${String(size).padStart(7)} chars: ${ms.toFixed(1).padStart(7)} ms (${(ms / (size / 1000)).toFixed(3)} ms/KB)`,
  );
}
const growth = Math.max(...perKb) / Math.min(...perKb);
console.log(`time per KB, largest / smallest: ${growth.toFixed(2)} (linear if near 1; limit 3)`);
if (growth > 3) failures++;
console.log(`${runs} cut inputs parsed, ${failures} failures`);
process.exit(failures ? 1 : 0);
