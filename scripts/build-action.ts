/**
 * `npm run build:action`: the GitHub Action's runtime, one esbuild bundle of src/action/main.ts (poll and
 * digest, the Actions cache and @actions/core) at dist-action/release-radar.mjs, action.yml's `runs.main`.
 * Not committed on main: the release workflow builds it and commits it on the release tag
 * (scripts/release/), and CI builds it to run the action test on it. Prints its size per package; fails when
 * it holds a package the action never runs (the demo's stand-ins, Bolt, the Discord gateway client).
 */
import { isMain } from './is-main.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { PACKAGE_ROOT } from '../src/paths.js';
import { COMMON_OPTIONS, NATIVE_OR_OPTIONAL } from './esbuild-options.js';
import { oneCopyPerVersion } from './esbuild-dedupe.js';

/** Where action.yml's `runs.main` points, relative to the action's root. */
export const ACTION_MAIN = 'dist-action/release-radar.mjs';
/** What a copy of the action needs at run time besides the bundle (it reads them from the action's root). */
export const ACTION_RUNTIME_FILES = ['action.yml', 'package.json', 'config', 'templates'];

/** Packages (and our own folders) the action never runs: its bundle must not carry them. */
export const NOT_IN_ACTION = [
  'msw',
  '@mswjs/*',
  'graphql',
  'smtp-server',
  'mailparser',
  '@slack/bolt',
  '@slack/socket-mode',
  'discord.js',
  '@discordjs/ws',
  '@discordjs/builders',
  'ws',
  'express',
  'src/fakes/',
  'src/demo/',
  'src/serve/',
];

/** `…/node_modules/@scope/name/lib/x.js` -> `@scope/name` (the innermost package); our own files -> `release-radar`. */
export function packageOf(input: string): string {
  return /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'release-radar';
}

/** Bytes each package contributes to the bundle, largest first. */
export function bytesByPackage(metafile: Metafile): [string, number][] {
  const by = new Map<string, number>();
  for (const out of Object.values(metafile.outputs))
    for (const [file, { bytesInOutput }] of Object.entries(out.inputs))
      by.set(packageOf(file), (by.get(packageOf(file)) ?? 0) + bytesInOutput);
  return [...by].sort((a, b) => b[1] - a[1]);
}

/** The inputs of the bundle that NOT_IN_ACTION rules out. */
export function unwantedInputs(metafile: Metafile): string[] {
  const matches = (file: string, rule: string) =>
    rule.endsWith('/')
      ? file.startsWith(rule)
      : rule.endsWith('/*')
        ? packageOf(file).startsWith(rule.slice(0, -1))
        : packageOf(file) === rule;
  return Object.keys(metafile.inputs).filter((f) => NOT_IN_ACTION.some((r) => matches(f, r)));
}

export interface ActionBuild {
  file: string;
  bytes: number;
  metafile: Metafile;
}

/** Builds the bundle into `root`/dist-action/ (the repository, or a copy of the action elsewhere). */
export async function buildActionBundle(root = PACKAGE_ROOT): Promise<ActionBuild> {
  const file = join(root, ACTION_MAIN);
  mkdirSync(dirname(file), { recursive: true });
  const result = await build({
    ...COMMON_OPTIONS,
    entryPoints: [join(PACKAGE_ROOT, 'src', 'action', 'main.ts')],
    minify: true,
    metafile: true,
    write: false,
    external: NATIVE_OR_OPTIONAL,
    plugins: [oneCopyPerVersion(PACKAGE_ROOT)],
  });
  const unwanted = unwantedInputs(result.metafile);
  if (unwanted.length)
    throw new Error(
      `The action bundle would hold what the action never runs: ${unwanted.slice(0, 5).join(', ')}${unwanted.length > 5 ? ', …' : ''}. Import it lazily from a module the action does not load.`,
    );
  const out = result.outputFiles[0]!;
  writeFileSync(file, out.contents);
  return { file, bytes: out.contents.byteLength, metafile: result.metafile };
}

if (isMain(import.meta.url)) {
  const { file, bytes, metafile } = await buildActionBundle();
  console.log(`wrote ${file} (${(bytes / 1e6).toFixed(2)} MB)`);
  const rows = bytesByPackage(metafile);
  const top = process.argv.includes('--all') ? rows : rows.slice(0, 15);
  for (const [pkg, n] of top) console.log(`${(n / 1000).toFixed(0).padStart(7)} kB  ${pkg}`);
  if (top.length < rows.length) console.log(`   (${rows.length - top.length} more packages; --all lists them)`);
}
