/**
 * `npm run bench:action`: what the action costs a workflow run, against the fakes on loopback (so the numbers
 * are set-up, not network):
 *  - set-up before (the composite action of release 0.1.0, dist-action/ at b885946): setup-node, then
 *    `npm ci --omit=dev` of better-sqlite3 next to the bundle. Measured here: that npm ci, with --ignore-scripts
 *    and the local npm cache (the prebuilt binary's download, or a 2-minute compile, and setup-node come on top
 *    on a runner);
 *  - set-up now (node24 JavaScript action): none; what remains is loading the bundle, measured as the time the
 *    run spends outside restore, poll and save (the action reports those as ::debug:: lines);
 *  - a quiet poll's run (nothing new on GitHub) with the state restored from and saved to the fake Actions cache;
 *  - the bundle's size: the committed one at b885946, and the one built now.
 * Prints medians of ROUNDS (default 7) and ratios measured in this run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ACTION_RUNTIME_FILES, buildActionBundle } from '../scripts/build-action.js';
import { FakeActionsCache } from '../src/fakes/actions-cache.js';
import { runJavaScriptAction, type ActionRun } from '../src/fakes/actions-runner.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { tfNotes, torchNotes } from '../src/fakes/notes.js';

const ROOT = join(import.meta.dirname, '..');
const ROUNDS = Number(process.env.ROUNDS ?? 7);
/** The last commit with the composite action and its committed bundle. */
const OLD = 'b885946';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${Math.round(x)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

/** The old action's set-up step: `npm ci` of dist-action/package.json and its lock, as release 0.1.0 had them. */
function oldInstall(): number {
  const dir = mkdtempSync(join(tmpdir(), 'rr-old-action-'));
  for (const f of ['package.json', 'package-lock.json'])
    writeFileSync(join(dir, f), execFileSync('git', ['show', `${OLD}:dist-action/${f}`], { cwd: ROOT }));
  const t0 = performance.now();
  execFileSync(
    'npm',
    ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: dir, stdio: 'ignore' },
  );
  return performance.now() - t0;
}

const oldInstalls = Array.from({ length: Math.min(ROUNDS, 3) }, oldInstall);
const oldBundleBytes = Number(
  execFileSync('git', ['cat-file', '-s', `${OLD}:dist-action/release-radar.mjs`], { cwd: ROOT, encoding: 'utf8' }),
);

// The action as a release tag holds it, outside this repository.
const actionDir = mkdtempSync(join(tmpdir(), 'rr-action-bench-'));
for (const f of ACTION_RUNTIME_FILES) cpSync(join(ROOT, f), join(actionDir, f), { recursive: true });
const { bytes } = await buildActionBundle(actionDir);

const [gh, cache] = await Promise.all([new FakeGitHub().start(), new FakeActionsCache().start()]);
gh.publish('pytorch/pytorch', { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
gh.publish('tensorflow/tensorflow', { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
let runId = 0;
const run = async (): Promise<ActionRun> => {
  const workspace = mkdtempSync(join(tmpdir(), 'rr-action-bench-ws-'));
  writeFileSync(join(workspace, 'release-radar.yaml'), 'repos: [pytorch/pytorch, tensorflow/tensorflow]\n');
  const r = await runJavaScriptAction({
    actionDir,
    inputs: { command: 'poll' },
    env: { PATH: process.env.PATH ?? '', GITHUB_API_URL: gh.url, LOG_LEVEL: 'warn' },
    workspace,
    runId: ++runId,
    cache,
  });
  if (!r.ok) throw new Error(`the action failed:\n${r.log}`);
  return r;
};
/** A phase's time from the action's `::debug::<phase>: N ms` line. */
const phase = (r: ActionRun, name: string) =>
  Number(r.debug.find((d) => d.startsWith(`${name}: `))?.match(/(\d+) ms$/)?.[1] ?? NaN);

await run(); // the first poll records the history
const total: number[] = [];
const restore: number[] = [];
const poll: number[] = [];
const save: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const r = await run();
  total.push(r.ms);
  restore.push(phase(r, 'restore'));
  poll.push(phase(r, 'poll'));
  save.push(phase(r, 'save'));
}
await Promise.all([gh.close(), cache.close()]);

const load = median(total.map((t, i) => t - restore[i]! - poll[i]! - save[i]!));

/** Start-up alone: the old bundle's `--version`; the new one's run with a wrong command (it stops at the inputs). */
writeFileSync(
  join(actionDir, 'dist-action', 'old.mjs'),
  execFileSync('git', ['show', `${OLD}:dist-action/release-radar.mjs`], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }),
);
const startup = (argv: string[], env: NodeJS.ProcessEnv) => {
  const t0 = performance.now();
  try {
    execFileSync(process.execPath, argv, { cwd: tmpdir(), env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
  } catch {
    // the wrong command exits 2, as it should
  }
  return performance.now() - t0;
};
const startOld: number[] = [];
const startNew: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  startOld.push(startup([join(actionDir, 'dist-action', 'old.mjs'), '--version'], {}));
  startNew.push(startup([join(actionDir, 'dist-action', 'release-radar.mjs')], { INPUT_COMMAND: 'none' }));
}
console.log(
  `action set-up   before (composite, ${OLD}): npm ci of better-sqlite3 ${ms(median(oldInstalls))} (median of ${oldInstalls.length}; plus setup-node and the binary's download on a runner)   now (node24): no step; loading the bundle ${ms(load)}`,
);
console.log(
  `quiet poll run  (median of ${ROUNDS}) ${ms(median(total))} = load ${ms(load)} + restore ${ms(median(restore))} + poll ${ms(median(poll))} + save ${ms(median(save))}`,
);
console.log(
  `start-up        (median of ${ROUNDS}) before: the old bundle's --version ${ms(median(startOld))}   now: the action up to its inputs ${ms(median(startNew))}`,
);
console.log(
  `bundle          before ${mb(oldBundleBytes)} (committed at ${OLD})   now ${mb(bytes)}   ratio ${(oldBundleBytes / bytes).toFixed(1)}x`,
);
