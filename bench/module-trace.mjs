/**
 * Preloaded (`node --import ./bench/module-trace.mjs`) by `bench:startup` in its tracing pass, never in a timed
 * run: writes every module the process loaded to $RR_MODULE_TRACE at exit. ES modules come from a load hook
 * (it runs on the hooks thread, so it appends to the file itself); CommonJS ones, which Node 20 requires
 * without the hooks, from the shared require cache.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const file = process.env.RR_MODULE_TRACE;
if (file) {
  register('./module-trace-hooks.mjs', { parentURL: import.meta.url, data: { file } });
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => appendFileSync(file, Object.keys(cache).join('\n') + '\n'));
  appendFileSync(file, fileURLToPath(import.meta.url) + '\n');
}
