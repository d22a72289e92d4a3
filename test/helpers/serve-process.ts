/** `release-radar serve` as a real process: started with its flags, ready once it prints its URL. */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './spawn.js';

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Everything written to standard error so far. */
  err(): string;
  /** Resolves with the exit code and how long after `since` it came. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  health(): Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function startServeProcess(args: string[], env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', ...args], {
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
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

/** Polls `check` until it is true (or throws after `timeoutMs`). */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
