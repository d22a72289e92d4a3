/** `release-radar demo`: runs src/demo/run-demo.ts with this CLI's commands and composition root. */
import { platformOf } from '../platforms/registry.js';
import { runDemo } from '../demo/run-demo.js';
import { DEMO_CONFIG as DEMO_CONFIG_PATH } from '../demo/steps.js';
import { Context } from './context.js';
import type { Io } from './io.js';

type Main = (argv: string[], io: Io) => Promise<number>;

/** `main` comes from the caller (main.ts): this module does not import the CLI it belongs to. */
export async function demoCommand(opts: { out?: string }, io: Io, main: Main): Promise<number> {
  return runDemo(opts, {
    path: io.env.PATH,
    out: io.out,
    async cli(argv, env) {
      let out = '';
      let err = '';
      const code = await main(['node', 'release-radar', ...argv], {
        out: (s) => void (out += s),
        err: (s) => void (err += s),
        stdin: io.stdin,
        env,
      });
      if (code !== 0) throw new Error(`release-radar ${argv.join(' ')} exited ${code}:\n${err}${out}`);
      return out;
    },
    async inspect(env, db) {
      const ctx = new Context({ ...io, env }, { config: DEMO_CONFIG_PATH, db });
      const [config, store, renderer] = await Promise.all([ctx.config(), ctx.store(), ctx.renderer()]);
      const rows = await store.outbox.list();
      return {
        destinations: config.destinations.map((d) => ({
          name: d.name,
          type: d.type,
          preview: platformOf(d).preview,
          rows: rows.filter((r) => r.destination === d.name),
        })),
        queryPreview: platformOf({ name: 'query', type: 'slack' }).preview,
        events: (await store.events()).map((e) => e.event),
        renderer,
        close: () => ctx.close(),
      };
    },
  });
}
