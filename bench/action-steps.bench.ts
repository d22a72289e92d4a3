/**
 * `npm run bench:action`: the time of each step the action runs for a quiet poll (nothing new on GitHub),
 * against the fake GitHub on loopback so the numbers are set-up, not network:
 *  - installing the runtime: the action's `npm ci --omit=dev` of dist-action (better-sqlite3 only) versus the
 *    `npm ci` of the whole package the old workflow ran (both with --ignore-scripts and the local npm cache:
 *    the prebuilt binary download and the old workflow's tsc come on top on a runner);
 *  - the poll itself: the committed bundle versus `node bin/release-radar.js` and `npx release-radar`.
 * Prints medians and ratios measured in this run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FakeGitHub } from '../test/fakes/github.js';
import { tfNotes, torchNotes } from '../test/helpers/notes.js';

const ROOT = join(import.meta.dirname, '..');
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const gh = await new FakeGitHub().start();
gh.publish('pytorch/pytorch', { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
gh.publish('tensorflow/tensorflow', { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
const db = join(mkdtempSync(join(tmpdir(), 'rr-action-bench-')), 'state.db');
const env = { ...process.env, GITHUB_API_URL: gh.url, LOG_LEVEL: 'warn' };

const time = (f: () => void): number => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const runAsync = (cmd: string, args: string[], cwd = ROOT) =>
  new Promise<number>((resolve, reject) => {
    // The fake GitHub answers from this process: run children asynchronously.
    void import('node:child_process').then(({ spawn }) => {
      const t0 = performance.now();
      const c = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
      c.on('close', (code) =>
        code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`)),
      );
    });
  });

function install(dir: string): number {
  const copy = mkdtempSync(join(tmpdir(), 'rr-install-'));
  cpSync(join(dir, 'package.json'), join(copy, 'package.json'));
  cpSync(join(dir, 'package-lock.json'), join(copy, 'package-lock.json'));
  return time(() =>
    execFileSync(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: copy, stdio: 'ignore' },
    ),
  );
}

const installAction = install(join(ROOT, 'dist-action'));
const installWhole = time(() => {
  const copy = mkdtempSync(join(tmpdir(), 'rr-install-'));
  cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
  cpSync(join(ROOT, 'package-lock.json'), join(copy, 'package-lock.json'));
  execFileSync('npm', ['ci', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: copy,
    stdio: 'ignore',
  });
});

await runAsync(process.execPath, [join(ROOT, 'bin', 'release-radar.js'), 'poll', '--db', db]); // first poll: history recorded
const bundle: number[] = [];
const compiled: number[] = [];
const npx: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  bundle.push(await runAsync(process.execPath, [join(ROOT, 'dist-action', 'release-radar.mjs'), 'poll', '--db', db]));
  compiled.push(await runAsync(process.execPath, [join(ROOT, 'bin', 'release-radar.js'), 'poll', '--db', db]));
  npx.push(await runAsync('npx', ['release-radar', 'poll', '--db', db]));
}
await gh.close();

const ms = (x: number) => `${Math.round(x)} ms`;
console.log(
  `install runtime  action (dist-action: better-sqlite3): ${ms(installAction)}   old workflow (npm ci, all deps): ${ms(installWhole)}   ratio ${(installWhole / installAction).toFixed(1)}x`,
);
console.log(
  `quiet poll (median of ${ROUNDS})  bundle: ${ms(median(bundle))}   node bin (tsc output): ${ms(median(compiled))} (${(median(compiled) / median(bundle)).toFixed(1)}x)   npx release-radar: ${ms(median(npx))} (${(median(npx) / median(bundle)).toFixed(1)}x)`,
);
