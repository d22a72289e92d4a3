/** Runs the built CLI (bin/release-radar.js) as a real process. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'release-radar.js');

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

export function runBin(
  args: string[],
  env: NodeJS.ProcessEnv,
  onSpawn?: (child: ChildProcess) => void,
): Promise<ProcessResult> {
  return runNode([BIN, ...args], { env: { ...process.env, ...env } }, onSpawn);
}

/** `node ARGV…` as a real process, with exactly the environment given (this Node, unless `node` names another). */
export function runNode(
  argv: string[],
  opts: { env: NodeJS.ProcessEnv; cwd?: string; node?: string },
  onSpawn?: (child: ChildProcess) => void,
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(opts.node ?? process.execPath, argv, { env: opts.env, cwd: opts.cwd });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    onSpawn?.(child);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

/** A Node binary of the given major line: this one if it is, else the `node` package from the npm registry. */
export function nodeOfMajor(major: number): string {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
  return execFileSync('npx', ['-y', '-p', `node@${major}`, 'which', 'node'], { encoding: 'utf8' }).trim();
}
