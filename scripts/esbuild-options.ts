/** What the CLI bundle (dist/cli/) and the action bundle (dist-action/) share: target, format and externals. */
import type { BuildOptions } from 'esbuild';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';

/** Optional packages that are never used here. */
export const NATIVE_OR_OPTIONAL = [
  'pg-native',
  'zlib-sync',
  'bufferutil',
  'utf-8-validate',
  '@discordjs/voice',
  'erlpack',
  'ffmpeg-static',
];

export const COMMON_OPTIONS: BuildOptions = {
  entryPoints: [join(PACKAGE_ROOT, 'src', 'cli', 'run.ts')],
  absWorkingDir: PACKAGE_ROOT,
  bundle: true,
  platform: 'node',
  target: 'node22.13',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require() for Node's own modules. (process.getBuiltinModule, not an ES
  // import of node:module: that import reads all of its exports, source maps' among them.)
  banner: {
    js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);",
  },
};
