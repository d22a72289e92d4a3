/**
 * `npm run bench`: parse + classify every release in ../shared/corpus, and in the same process time bare
 * `unified().use(remarkParse).use(remarkGfm).parse()` on the same inputs. Prints both, their ratio (goal
 * <= 1.10, issue 24: `parse` costs at most 10% more than parsing the markdown), MB/s and peak memory. `parse`
 * uses the project's front end (parsers/markdown.ts: remark-gfm's tree with less work on literal autolinks),
 * so the line "model building + classification alone" says what the model costs on its own. Then a
 * whole RELEASE.md grown to 1 and 4 MB: time per MB of `parse` (in parts) must stay flat, where one remark parse
 * of the whole document does not.
 * Rounds alternate between the two so that JIT warm-up falls on both alike; garbage is collected before
 * each timed run (node --expose-gc); the median of the per-round ratios counts (the ratio of the medians and
 * of the fastest rounds are shown too).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories } from '../src/config/load.js';
import { parseAndClassify } from '../src/notes.js';
import { extractItems } from '../parsers/extract-items.js';
import { normalizeSource, parseMarkdown } from '../parsers/markdown.js';
import { profileFor } from '../parsers/profiles.js';
import { corpusReleases } from '../scripts/corpus-files.js';

const { values } = parseArgs({
  options: { corpus: { type: 'string', default: '../shared/corpus' }, rounds: { type: 'string', default: '15' } },
});
const releases = corpusReleases(resolve(values.corpus!));
const bytes = releases.reduce((n, r) => n + Buffer.byteLength(r.body), 0);
const classifier = new Classifier(builtinCategories());
const bare = unified().use(remarkParse).use(remarkGfm);

let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const gc = (globalThis as { gc?: () => void }).gc;
const timeIt = (fn: () => void) => {
  gc?.();
  const t0 = performance.now();
  fn();
  sample();
  return performance.now() - t0;
};

let items = 0;
const runBare = () => {
  for (const r of releases) bare.parse(r.body);
};
const runOurs = () => {
  items = 0;
  for (const r of releases) items += parseAndClassify(r.body, r.repo, classifier).length;
};

runBare(); // warm-up of both paths
runOurs();
const bareTimes: number[] = [];
const ourTimes: number[] = [];
for (let i = 0; i < Number(values.rounds); i++) {
  if (i % 2) {
    ourTimes.push(timeIt(runOurs));
    bareTimes.push(timeIt(runBare));
  } else {
    bareTimes.push(timeIt(runBare));
    ourTimes.push(timeIt(runOurs));
  }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
// The part that is ours, timed alone on trees parsed beforehand: steadier than the difference of two
// long runs on a busy machine.
const sources = releases.map((r) => normalizeSource(r.body));
const trees = sources.map((src) => parseMarkdown(src));
const modelTimes: number[] = [];
for (let i = 0; i < Number(values.rounds); i++) {
  modelTimes.push(
    timeIt(() =>
      trees.forEach((t, k) => classifier.classifyAll(extractItems(t, sources[k]!, profileFor(releases[k]!.repo)))),
    ),
  );
}
// The front end alone against bare remark-gfm, paired the same way.
const frontRatios: number[] = [];
for (let i = 0; i < Number(values.rounds); i++) {
  const front = timeIt(() => sources.forEach((src) => parseMarkdown(src)));
  frontRatios.push(front / timeIt(runBare));
}
const b = median(bareTimes);
const o = median(ourTimes);
const mb = bytes / 1e6;
console.log(`corpus: ${releases.length} releases, ${mb.toFixed(2)} MB, ${items} items`);
console.log(
  `bare unified+remark-parse+remark-gfm parse: ${b.toFixed(0)} ms (median) (${(mb / (b / 1000)).toFixed(2)} MB/s)`,
);
console.log(
  `release-radar parse + classify:             ${o.toFixed(0)} ms (median) (${(mb / (o / 1000)).toFixed(2)} MB/s)`,
);
// Each round times both back to back: the median of the per-round ratios cancels load that shifts between
// rounds, which the ratio of the two medians does not.
const paired = median(ourTimes.map((t, i) => t / bareTimes[i]!));
console.log(
  `ratio: ${paired.toFixed(3)} (goal <= 1.10; median of ${bareTimes.length} per-round ratios; ratio of the medians ${(o / b).toFixed(3)}; fastest rounds ${Math.min(...ourTimes).toFixed(0)} / ${Math.min(...bareTimes).toFixed(0)} ms = ${(Math.min(...ourTimes) / Math.min(...bareTimes)).toFixed(3)})`,
);
const m = median(modelTimes);
console.log(
  `model building + classification alone (trees parsed beforehand): ${m.toFixed(0)} ms, ${((m / b) * 100).toFixed(1)}% of the bare parse (ratio ${(1 + m / b).toFixed(3)})`,
);
console.log(
  `the front end alone (parsers/markdown.ts) vs bare remark-gfm: ratio ${median(frontRatios).toFixed(3)} (the same tree; less work on literal autolinks)`,
);
if (!gc) console.log('(run with node --expose-gc for steadier figures: npm run bench does)');
console.log(`peak RSS: ${(peak / 2 ** 20).toFixed(0)} MiB`);

// A whole RELEASE.md (every TensorFlow release in one file), grown to 1 MB and 4 MB by repeating it under
// renamed release headings: `parse` cuts it before its top-level headings, so time per MB stays flat;
// remark on the one 4 MB document is superlinear.
const releaseMd = normalizeSource(readFileSync(resolve(values.corpus!, 'tensorflow', 'RELEASE.md'), 'utf8'));
const grown = (size: number) => {
  const copies: string[] = [];
  for (let n = 0; copies.join('\n').length < size; n++)
    copies.push(releaseMd.replace(/^# Release /gm, `# Release ${n}.`));
  return copies.join('\n').slice(0, size);
};
const perMb = (doc: string, fn: (d: string) => void) => timeIt(() => fn(doc)) / (doc.length / 1e6);
const [one, four] = [grown(1e6), grown(4e6)];
const ours = (d: string) => void parseAndClassify(d, 'tensorflow/tensorflow', classifier);
const whole = (d: string) => void bare.parse(d);
const oursOne = median([0, 1, 2].map(() => perMb(one, ours)));
const oursFour = median([0, 1, 2].map(() => perMb(four, ours)));
const wholeOne = perMb(one, whole);
const wholeFour = perMb(four, whole);
console.log(
  `RELEASE.md grown to 1 MB / 4 MB, ms per MB: parse (in parts) ${oursOne.toFixed(0)} / ${oursFour.toFixed(0)}, ratio ${(oursFour / oursOne).toFixed(2)} (linear: about 1); one remark parse of the whole ${wholeOne.toFixed(0)} / ${wholeFour.toFixed(0)}, ratio ${(wholeFour / wholeOne).toFixed(2)}`,
);
console.log(`peak RSS after the long documents: ${(peak / 2 ** 20).toFixed(0)} MiB`);
