/** `serve` as a real process (src/fakes/serve-process.ts, shared with the benchmarks and the demo), and waiting for it. */
import { startServeProcess as start, type ServeProcess } from '../../src/fakes/serve-process.js';

export type { ServeProcess };
export { until } from '../../src/fakes/until.js';

/** This process's environment with `env` on top. */
export const startServeProcess = (args: string[], env: NodeJS.ProcessEnv): Promise<ServeProcess> =>
  start(args, { ...process.env, ...env });
