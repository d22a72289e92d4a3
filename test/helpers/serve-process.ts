/** `serve` as a real process (src/fakes/serve-process.ts, shared with the benchmarks and the demo), and waiting for it. */
import { startServeProcess as start, type ServeProcess } from '../../src/fakes/serve-process.js';

export type { ServeProcess };

/** This process's environment with `env` on top. */
export const startServeProcess = (args: string[], env: NodeJS.ProcessEnv): Promise<ServeProcess> =>
  start(args, { ...process.env, ...env });

/** Polls `check` until it is true (or throws after `timeoutMs`). */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
