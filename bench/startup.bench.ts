/**
 * `npm run bench:startup`: how long users wait for the built CLI to start, against a bare `node -e 0`, in the
 * same run. Scenarios, run round-robin so that machine load falls on all alike (median of --rounds):
 *   bare        node -e 0
 *   help        release-radar --help                      (target <= 2x bare)
 *   parse       release-radar parse <5 KB note>           (target <= 3x bare)
 *   quiet poll  release-radar poll, answered 304 by the fake GitHub for both repos (target <= 2x the fetch floor)
 *   fetch       node doing one fetch() to the same fake: what Node's own HTTP client costs, a floor for the poll
 *   remark      node loading unified + remark-parse + remark-gfm (bundled) and parsing the note once: a floor
 *               for parse, which must use them
 * Then one traced run of each scenario lists the modules it loaded and which direct dependencies among them,
 * and each direct dependency's import cost is timed alone in a fresh process (`await import()`, median).
 * Needs `npm run build` (the scenarios run bin/release-radar.js, as users do: the bundle in dist/cli/, whose
 * chunks the build lists with the packages inside each, dist/cli-packages.json).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { COMMON_OPTIONS } from '../scripts/esbuild-options.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { loadedPackages } from '../scripts/build-cli.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '9' },
    'dep-rounds': { type: 'string', default: '5' },
    // Another build's bin/release-radar.js (e.g. an older commit's), timed in the same rounds for a before/after.
    compare: { type: 'string' },
  },
});
const ROUNDS = Number(values.rounds);
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'release-radar.js');
const NOTE = join(ROOT, 'bench', 'fixtures', 'note-5k.md');
const TRACER = join(ROOT, 'bench', 'module-trace.mjs');
const work = mkdtempSync(join(tmpdir(), 'rr-startup-'));

// The quiet poll: two repos with a few releases each, polled once before timing so that each timed poll
// is one conditional request per repo answered 304.
const gh = await new FakeGitHub().start();
for (const repo of ['pytorch/pytorch', 'tensorflow/tensorflow']) {
  for (let i = 0; i < 5; i++)
    gh.publish(repo, {
      tag_name: `v1.${i}.0`,
      body: `## Distributed\n\n- Fixed NCCL hang number ${i} (#${100 + i})\n`,
    });
}
const env = { PATH: process.env.PATH ?? '', HOME: work, GITHUB_API_URL: gh.url, LOG_LEVEL: 'warn' };
const db = join(work, 'state.db');

interface Scenario {
  name: string;
  args: string[];
  target?: number;
}
const BOTH = ['--repo', 'pytorch/pytorch', '--repo', 'tensorflow/tensorflow'];
const commands = (bin: string, dbFile: string, label = '') => [
  { name: `release-radar --help${label}`, args: [bin, '--help'], target: label ? undefined : 2 },
  {
    name: `release-radar parse (5 KB)${label}`,
    args: [bin, 'parse', NOTE, '--repo', 'pytorch/pytorch'],
    target: label ? undefined : 3,
  },
  // Both repos named: a scheduled poll right after the first would find none due.
  {
    name: `release-radar poll (quiet)${label}`,
    args: [bin, 'poll', '--db', dbFile, ...BOTH],
  },
];
// A floor for the quiet poll: Node's own fetch (undici, which Octokit uses) loaded and used once, nothing else.
const fetchFloor = `await fetch(${JSON.stringify(gh.url + '/repos/pytorch/pytorch/releases')}).then((r) => r.arrayBuffer())`;
// A floor for parse: unified + remark-parse + remark-gfm bundled as the CLI is (esbuild, one file), loaded and
// run once on the same note, nothing else: what the required markdown stack alone costs a cold process.
const remarkFloor = join(work, 'remark-floor.mjs');
const { entryPoints: _cli, ...asTheCli } = COMMON_OPTIONS;
await build({
  ...asTheCli,
  stdin: {
    contents:
      "import { readFileSync } from 'node:fs'; import { unified } from 'unified'; import remarkParse from 'remark-parse'; import remarkGfm from 'remark-gfm';" +
      'unified().use(remarkParse).use(remarkGfm).parse(readFileSync(process.argv[2], "utf8"));',
    resolveDir: ROOT,
    loader: 'js',
  },
  minifyWhitespace: true,
  minifySyntax: true,
  outfile: remarkFloor,
});
const scenarios: Scenario[] = [
  { name: 'bare node -e 0', args: ['-e', '0'] },
  ...commands(BIN, db),
  { name: 'node: one fetch() (a floor for poll)', args: ['--input-type=module', '-e', fetchFloor] },
  { name: 'node: remark parse of the note (floor)', args: [remarkFloor, NOTE] },
];
const compared: Scenario[] = values.compare ? commands(values.compare, join(work, 'compare.db'), ' [compare]') : [];

const CPU_FILE = join(work, 'cpu.txt');
const CPU_PRELOAD = join(ROOT, 'bench', 'cpu-usage.cjs');

/** Wall time from spawn to exit, and the CPU time the child reports (cpu-usage.cjs is preloaded in every run). */
function run(args: string[], extraEnv: Record<string, string> = {}): Promise<{ wall: number; cpu: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-r', CPU_PRELOAD, ...args], {
      cwd: work,
      env: { ...env, ...extraEnv, RR_CPU_FILE: CPU_FILE },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) =>
      code === 0
        ? resolve({ wall: performance.now() - t0, cpu: Number(readFileSync(CPU_FILE, 'utf8')) })
        : reject(new Error(`node ${args.join(' ')} exited ${code}: ${err}`)),
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (values.compare) await run([values.compare, 'poll', '--db', join(work, 'compare.db'), '--initial', 'none']);
await run([BIN, 'poll', '--db', db, '--initial', 'none']);
const before = gh.requests.length;
await run([BIN, 'poll', '--db', db, ...BOTH]);
const quiet = gh.requests.slice(before);
if (quiet.length !== 2 || quiet.some((r) => !r.ifNoneMatch))
  throw new Error(`the quiet poll is not two conditional requests: ${JSON.stringify(quiet)}`);

const timed = [...scenarios, ...compared];
const wall = new Map(timed.map((s) => [s.name, [] as number[]]));
const cpu = new Map(timed.map((s) => [s.name, [] as number[]]));
for (let r = 0; r < ROUNDS; r++) {
  for (const s of timed) {
    const t = await run(s.args);
    wall.get(s.name)!.push(t.wall);
    cpu.get(s.name)!.push(t.cpu);
  }
}

const bareWall = median(wall.get(scenarios[0]!.name)!);
const bareCpu = median(cpu.get(scenarios[0]!.name)!);
console.log(
  `start-up, median of ${ROUNDS} rounds (run round-robin), node ${process.version}; the goal is on wall time`,
);
console.log(
  `  ${''.padEnd(40)} ${'wall'.padStart(8)} ${'ratio'.padStart(6)}   ${'cpu'.padStart(8)} ${'ratio'.padStart(6)}`,
);
for (const s of timed) {
  const w = median(wall.get(s.name)!);
  const c = median(cpu.get(s.name)!);
  const goal = s.target ? `  target <= ${s.target}x: ${w / bareWall <= s.target ? 'ok' : 'MISSED'}` : '';
  console.log(
    `  ${s.name.padEnd(40)} ${w.toFixed(0).padStart(5)} ms ${(w / bareWall).toFixed(2).padStart(5)}x   ${c.toFixed(0).padStart(5)} ms ${(c / bareCpu).toFixed(2).padStart(5)}x${goal}`,
  );
}

// The goals against their floors (issue 27): the quiet poll against one fetch(), parse against remark alone.
const at = (name: string) => median(wall.get(name)!);
const pollRatio = at('release-radar poll (quiet)') / at('node: one fetch() (a floor for poll)');
console.log(
  `  quiet poll / the fetch() floor: ${pollRatio.toFixed(2)}x  target <= 2x: ${pollRatio <= 2 ? 'ok' : 'MISSED'}`,
);
const remarkX = at('node: remark parse of the note (floor)') / bareWall;
console.log(
  `  the remark floor alone is ${remarkX.toFixed(2)}x bare: a parse goal of 3x leaves ${(3 - remarkX).toFixed(2)}x (${((3 - remarkX) * bareWall).toFixed(0)} ms) for classifying, rendering and the CLI; parse takes ${(at('release-radar parse (5 KB)') - at('node: remark parse of the note (floor)')).toFixed(0)} ms more than the floor`,
);

// What each command loads: one traced run each (the tracer's hooks slow it down, so it is not timed).
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const deps = Object.keys(pkg.dependencies);
console.log('\nmodules loaded per command, and the direct dependencies among them');
const loadedBy = new Map<string, string[]>();
const traced = [...scenarios.slice(1, 1 + 3), ...compared];
for (const s of traced) {
  const trace = join(work, 'trace.txt');
  rmSync(trace, { force: true });
  await run(['--import', TRACER, ...s.args], { RR_MODULE_TRACE: trace });
  const files = new Set(
    readFileSync(trace, 'utf8')
      .split('\n')
      .filter((f) => f && f !== TRACER && !f.includes('module-trace')),
  );
  const packages = loadedPackages(files);
  const loaded = deps.filter((d) => packages.has(d));
  loadedBy.set(s.name, loaded);
  console.log(`  ${s.name.padEnd(40)} ${String(files.size).padStart(4)} files  ${loaded.join(', ')}`);
}

// Each direct dependency alone, in a fresh process.
const DEP_ROUNDS = Number(values['dep-rounds']);
/** What `import()` of a dependency means: its main entry, or (types-and-constants packages) its newest versioned subpath. */
function entryOf(d: string): string {
  const { exports } = JSON.parse(readFileSync(join(ROOT, 'node_modules', d, 'package.json'), 'utf8')) as {
    exports?: unknown;
  };
  if (!exports || typeof exports !== 'object' || '.' in exports || Object.keys(exports).some((k) => !k.startsWith('.')))
    return d;
  const versions = Object.keys(exports).filter((k) => /^\.\/v\d+$/.test(k));
  const sub = versions.sort((a, b) => Number(b.slice(3)) - Number(a.slice(3)))[0] ?? Object.keys(exports)[0]!;
  return d + sub.slice(1);
}
const cost = new Map<string, number>();
for (const d of deps) {
  const xs: number[] = [];
  for (let r = 0; r < DEP_ROUNDS; r++) {
    const ms = await new Promise<number>((resolve, reject) => {
      const code = `const t=performance.now();await import(${JSON.stringify(entryOf(d))});process.stdout.write(String(performance.now()-t))`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (x) => (out += x));
      child.stderr.on('data', (x) => (err += x));
      child.on('close', (c) => (c === 0 ? resolve(Number(out)) : reject(new Error(`import ${d}: ${err}`))));
    });
    xs.push(ms);
  }
  cost.set(d, median(xs));
}
console.log(
  `\nimport cost of each direct dependency alone (fresh process, median of ${DEP_ROUNDS}), and which commands load it`,
);
const short = (name: string) => name.replace(/^release-radar /, '').replace(/ \(.*\)/, '');
const users = (list: Scenario[], d: string) =>
  list
    .filter((s) => loadedBy.get(s.name)!.includes(d))
    .map((s) => short(s.name))
    .join(', ') || '-';
console.log(
  `  ${'dependency'.padEnd(26)} ${'ms'.padStart(6)}  ${'loaded by'.padEnd(24)}${compared.length ? '  loaded by [compare]' : ''}`,
);
for (const [d, ms] of [...cost].sort((a, b) => b[1] - a[1])) {
  const after = users(scenarios.slice(1, 1 + 3), d);
  console.log(
    `  ${d.padEnd(26)} ${ms.toFixed(1).padStart(6)}  ${after.padEnd(24)}${compared.length ? `  ${users(compared, d)}` : ''}`,
  );
}

await gh.close();
rmSync(work, { recursive: true, force: true });
