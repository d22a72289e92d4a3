/**
 * `npm run build:action`: the GitHub Action's runtime, dist-action/release-radar.mjs, one esbuild bundle of the
 * CLI, committed so the action compiles nothing on the runner. Only better-sqlite3 (native, prebuilt binaries)
 * stays outside; dist-action/package.json installs it. `--check` (CI) fails when the committed bundle is stale.
 */
import { isMain } from './is-main.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from '../src/paths.js';
import { COMMON_OPTIONS, NATIVE_OR_OPTIONAL } from './esbuild-options.js';

export const ACTION_BUNDLE = join(PACKAGE_ROOT, 'dist-action', 'release-radar.mjs');

export async function bundleAction(): Promise<string> {
  const result = await build({
    ...COMMON_OPTIONS,
    minify: true,
    write: false,
    external: NATIVE_OR_OPTIONAL,
  });
  return result.outputFiles[0]!.text;
}

if (isMain(import.meta.url)) {
  const text = await bundleAction();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(ACTION_BUNDLE, 'utf8');
    } catch {
      // missing: stale
    }
    if (committed !== text) {
      console.error(
        'dist-action/release-radar.mjs is not the bundle of the current sources: run `npm run build:action` and commit dist-action/.',
      );
      process.exit(1);
    }
    console.log('dist-action/release-radar.mjs is current');
  } else {
    writeFileSync(ACTION_BUNDLE, text);
    console.log(`wrote ${ACTION_BUNDLE} (${Math.round(text.length / 1024)} KB)`);
  }
}
