/**
 * `npm run build:action`: the GitHub Action's runtime, dist-action/release-radar.mjs, one esbuild bundle of the
 * CLI, committed so the action compiles nothing on the runner. Only better-sqlite3 (native, prebuilt binaries)
 * stays outside; dist-action/package.json installs it. `--check` (CI) fails when the committed bundle is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from '../src/paths.js';

export const ACTION_BUNDLE = join(PACKAGE_ROOT, 'dist-action', 'release-radar.mjs');

export async function bundleAction(): Promise<string> {
  const result = await build({
    entryPoints: [join(PACKAGE_ROOT, 'src', 'cli', 'run.ts')],
    absWorkingDir: PACKAGE_ROOT,
    bundle: true,
    platform: 'node',
    target: 'node20.19',
    format: 'esm',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
    // Native (better-sqlite3, installed by the action from prebuilt binaries) or optional and never used here.
    external: [
      'better-sqlite3',
      'pg-native',
      'zlib-sync',
      'bufferutil',
      'utf-8-validate',
      '@discordjs/voice',
      'erlpack',
      'ffmpeg-static',
    ],
    // Bundled CommonJS dependencies call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __rrCreateRequire } from 'node:module'; const require = __rrCreateRequire(import.meta.url);",
    },
  });
  return result.outputFiles[0]!.text;
}

if (import.meta.url === `file://${process.argv[1]}`) {
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
