/** The load hook of module-trace.mjs: one line per ES module (file URL) loaded. */
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let file = '';
export function initialize(data) {
  file = data.file;
}
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(file, fileURLToPath(url) + '\n');
  return next(url, context);
}
