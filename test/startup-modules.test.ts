// Issue 15, point 1: each command loads only what it uses. The built CLI runs with bench/module-trace.mjs,
// which lists every module the process loaded; the timing itself is `npm run bench:startup`.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_CACHE_FILE, readBuiltinCache, type BuiltinCache } from '../src/config/builtin-cache.js';
import { loadConfig, parseBuiltinCategories } from '../src/config/load.js';
import { DEFAULT_CONFIG_FILE } from '../src/paths.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { BIN } from './helpers/spawn.js';
import { loadedPackages } from '../scripts/build-cli.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const TRACER = join(ROOT, 'bench', 'module-trace.mjs');
const NOTE = join(ROOT, 'bench', 'fixtures', 'note-5k.md');

/** The files a run of the built CLI loaded, and the packages among them (in node_modules or the bundle's chunks). */
async function traced(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ packages: Set<string>; files: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'rr-trace-'));
  const trace = join(dir, 'trace.txt');
  await run(process.execPath, ['--import', TRACER, BIN, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH, ...env, RR_MODULE_TRACE: trace },
  });
  const files = [...new Set(readFileSync(trace, 'utf8').split('\n').filter(Boolean))];
  return { packages: loadedPackages(files), files };
}

const HEAVY = [
  'zod',
  'yaml',
  'kysely',
  'kysely-generic-sqlite',
  '@octokit/rest',
  'liquidjs',
  'pino',
  'p-queue',
  'remark-parse',
  'remark-gfm',
  'unified',
];

describe('start-up loads only what the command uses', () => {
  let gh: FakeGitHub;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    gh = await new FakeGitHub().start();
    gh.publish('pytorch/pytorch', { tag_name: 'v1.0.0', body: '## Distributed\n\n- Fixed NCCL (#1)\n' });
    gh.publish('tensorflow/tensorflow', { tag_name: 'v2.0.0', body: '## Windows\n\n- Fixed MSVC (#2)\n' });
    env = { GITHUB_API_URL: gh.url, LOG_LEVEL: 'silent' };
  });
  afterAll(() => gh.close());

  it('--help loads commander and none of the heavy dependencies', async () => {
    const { packages, files } = await traced(['--help']);
    expect([...packages]).toEqual(['commander']);
    // The bundle: a handful of files, not one per module (before it, --help loaded 18 and parse 248).
    expect(files.length).toBeLessThan(12);
  });

  it('parse (built-in config) loads the markdown parser, but not the store, GitHub, templates, logger, YAML or zod', async () => {
    const { packages } = await traced(['parse', NOTE, '--repo', 'pytorch/pytorch']);
    for (const p of ['remark-parse', 'remark-gfm', 'unified']) expect(packages).toContain(p);
    for (const p of ['zod', 'yaml', 'kysely', 'kysely-generic-sqlite', '@octokit/rest', 'liquidjs', 'pino', 'p-queue'])
      expect(packages).not.toContain(p);
  });

  it('a quiet poll loads the store and GitHub, not the parser, templates or chat clients; kysely from the bundle', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'rr-quiet-')), 'state.db');
    await run(process.execPath, [BIN, 'poll', '--db', db, '--initial', 'none'], {
      env: { PATH: process.env.PATH, ...env },
    });
    const before = gh.requests.length;
    const { packages, files } = await traced(['poll', '--db', db], env);
    expect(gh.requests.slice(before).every((r) => r.ifNoneMatch)).toBe(true);
    for (const p of ['kysely', 'kysely-generic-sqlite', '@octokit/rest', 'pino', 'zod']) expect(packages).toContain(p);
    for (const p of ['remark-parse', 'remark-gfm', 'unified', 'liquidjs', 'yaml', 'discord.js', '@slack/web-api'])
      expect(packages).not.toContain(p);
    expect(files.filter((f) => f.includes('/node_modules/kysely/'))).toEqual([]);
  });

  it("loads no part of Node it does not use: no built-in's lazy parts through ES facades, no stdin for a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-builtins-'));
    const preload = join(dir, 'list-builtins.cjs');
    const list = join(dir, 'builtins.txt');
    writeFileSync(
      preload,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));`,
    );
    const builtins = async (args: string[]) => {
      await run(process.execPath, ['-r', preload, BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH, ...env } });
      return readFileSync(list, 'utf8').split('\n');
    };
    // An ES import of node:process reads process.report (the diagnostic report); of node:fs, fs.promises and
    // its streams; reading a FILE needs no stdin stream.
    const unused = ['internal/process/report', 'internal/fs/promises', 'internal/fs/streams', 'internal/repl/history'];
    const parse = await builtins(['parse', NOTE, '--repo', 'pytorch/pytorch']);
    expect(parse).toContain('NativeModule fs'); // (the list is Node's own)
    expect(unused.filter((m) => parse.includes(`NativeModule ${m}`))).toEqual([]);
    const db = join(dir, 'state.db');
    await builtins(['poll', '--db', db, '--initial', 'none']);
    const poll = await builtins(['poll', '--db', db]);
    expect(poll).toContain('NativeModule sqlite');
    expect(unused.filter((m) => poll.includes(`NativeModule ${m}`))).toEqual([]);
  });

  it("a config of the user's is still read with YAML and zod", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-cfg-'));
    const cfg = join(dir, 'release-radar.yaml');
    writeFileSync(cfg, 'repos: [pytorch/pytorch]\n');
    const { packages } = await traced(['parse', NOTE, '--config', cfg]);
    expect(packages).toContain('yaml');
    expect(packages).toContain('zod');
    expect(HEAVY.filter((p) => packages.has(p)).sort()).toEqual([
      'remark-gfm',
      'remark-parse',
      'unified',
      'yaml',
      'zod',
    ]);
  });
});

describe("the build's cache of the built-in config", () => {
  it('holds exactly what parsing config/default.yaml and config/categories.yaml gives', () => {
    const cache = JSON.parse(readFileSync(BUILTIN_CACHE_FILE, 'utf8')) as BuiltinCache;
    expect(cache.categories).toEqual(JSON.parse(JSON.stringify(parseBuiltinCategories())));
    const { file: _file, ...config } = loadConfig(DEFAULT_CONFIG_FILE, {});
    expect(cache.config).toEqual(JSON.parse(JSON.stringify(config)));
  });

  it('is ignored when the YAML or schema changed since the build', () => {
    const stale = join(mkdtempSync(join(tmpdir(), 'rr-cache-')), 'builtin-config.json');
    const cache = JSON.parse(readFileSync(BUILTIN_CACHE_FILE, 'utf8')) as BuiltinCache;
    writeFileSync(stale, JSON.stringify({ ...cache, sources: 'an older hash' }));
    expect(readBuiltinCache(stale)).toBeNull();
  });
});
