/**
 * Run by `npm run build` (from dist/): bundles the CLI into dist/cli/, which bin/release-radar.js runs. Node 20
 * loads a few large ES modules much faster than the same code as hundreds of small files (remark, micromark,
 * Octokit, zod: `parse` loaded 248 files), and `splitting` keeps each command's code in chunks of its own, so a
 * command still loads only what it uses. Left outside, loaded from node_modules as before: native code, the chat
 * and mail SDKs (large, and only loaded by the commands that send), and the demo's development-only stand-ins.
 */
import { isMain } from './is-main.js';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from '../src/paths.js';
import { COMMON_OPTIONS, NATIVE_OR_OPTIONAL } from './esbuild-options.js';
import { builtinImportsLeft, chunkCycle, lazyBuiltinImports } from './esbuild-builtins.js';

export const CLI_BUNDLE_DIR = join(PACKAGE_ROOT, 'dist', 'cli');
/** Which packages each chunk holds (`bench:startup` reports the dependencies a command loads from it). */
export const CLI_CHUNK_PACKAGES = join(PACKAGE_ROOT, 'dist', 'cli-packages.json');

/** `node_modules/@scope/name/lib/x.js` -> `@scope/name`. */
const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];

export async function bundleCli(outdir = CLI_BUNDLE_DIR): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  const { metafile } = await build({
    ...COMMON_OPTIONS,
    metafile: true,
    outdir,
    splitting: true,
    // Names kept (no identifier minifying): a stack trace from the bundle still reads.
    minifyWhitespace: true,
    minifySyntax: true,
    external: [
      ...NATIVE_OR_OPTIONAL,
      'discord.js',
      '@discordjs/*',
      '@slack/*',
      'nodemailer',
      'pg',
      'msw',
      'msw/*',
      'graphql',
      '@mswjs/*',
      'smtp-server',
      'mailparser',
      'ws',
    ],
  });
  // The rewrite turns hoisted imports into constants: safe while no chunk imports one that imports it back.
  const cycle = chunkCycle(metafile.outputs);
  if (cycle) throw new Error(`the CLI bundle's chunks import each other in a cycle: ${cycle.join(' -> ')}`);
  for (const file of readdirSync(outdir).filter((f) => f.endsWith('.js'))) {
    const code = lazyBuiltinImports(readFileSync(join(outdir, file), 'utf8'));
    const left = builtinImportsLeft(code);
    if (left.length) throw new Error(`${file}: imports of Node built-ins the rewrite did not take: ${left.join(', ')}`);
    writeFileSync(join(outdir, file), code);
  }
  const chunks = Object.entries(metafile.outputs).map(([file, out]) => [
    basename(file),
    [...new Set(Object.keys(out.inputs).map(packageOf))].filter(Boolean).sort(),
  ]);
  writeFileSync(CLI_CHUNK_PACKAGES, JSON.stringify(Object.fromEntries(chunks), null, 1) + '\n');
}

/** The packages whose code a process ran, from the files it loaded: node_modules paths, and the bundle's chunks. */
export function loadedPackages(files: Iterable<string>): Set<string> {
  const chunks = JSON.parse(readFileSync(CLI_CHUNK_PACKAGES, 'utf8')) as Record<string, string[]>;
  const out = new Set<string>();
  for (const f of files) {
    const path = f.replace(/\\/g, '/');
    const pkg = packageOf(path);
    if (pkg) out.add(pkg);
    else if (path.startsWith(CLI_BUNDLE_DIR.replace(/\\/g, '/') + '/'))
      for (const p of chunks[basename(path)] ?? []) out.add(p);
  }
  return out;
}

if (isMain(import.meta.url)) {
  await bundleCli();
  console.log(`wrote ${CLI_BUNDLE_DIR}`);
}
