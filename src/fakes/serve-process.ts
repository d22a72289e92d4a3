/**
 * `release-radar serve` as a real process on loopback, ready once it prints its URL: for the tests, the
 * benchmarks and the demo, which all talk to it as a platform would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Everything written to standard error so far (empty with `inheritStderr`). */
  err(): string;
  /** Resolves with the exit code and when it came. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  health(): Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function startServeProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { inheritStderr?: boolean } = {},
): Promise<ServeProcess> {
  return new Promise((resolve, reject) => {
    const bin = join(PACKAGE_ROOT, 'bin', 'release-radar.js');
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--host', '127.0.0.1', ...args], {
      env, // the whole environment of the process: callers add to theirs, the demo gives only its own
      stdio: ['ignore', 'pipe', opts.inheritStderr ? 'inherit' : 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr?.on('data', (d) => (err += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((r) =>
      child.on('exit', (code, signal) => r({ code, signal, at: Date.now() })),
    );
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /serving on (http:\/\/\S+)/.exec(out);
      if (m)
        resolve({
          child,
          url: m[1]!,
          err: () => err,
          exited,
          health: () => fetch(`${m[1]}/healthz`).then((r) => r.json() as Promise<Record<string, unknown>>),
        });
    });
    void exited.then(({ code }) => reject(new Error(`serve exited ${code} before serving: ${err}`)));
  });
}
