// The release pipeline (issue 21): release-please's config checked against the schema of the release-please the
// workflow runs, and the workflow's steps after a release is tagged (scripts/release/) run against a local bare
// repository, with `npm publish --dry-run` (provenance needs GitHub's OIDC token: not testable here).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import semver from 'semver';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FakeActionsCache } from '../src/fakes/actions-cache.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { tfNotes } from '../src/fakes/notes.js';
import { majorTag } from '../scripts/release/commit-bundle.js';
import { publishPackage } from '../scripts/release/publish.js';
import { runJavaScriptAction } from './helpers/action-runner.js';
import { ROOT } from './helpers/build.js';
import { nodeOfMajor, runNode } from './helpers/spawn.js';

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;
const workflow = readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

/** The JSON schemas the release-please package ships, for the version the release workflow runs. */
function releasePleaseSchemas(): { version: string; config: object; manifest: object } {
  const versions = [...workflow.matchAll(/npx -y release-please@(\S+) /g)].map((m) => m[1]!);
  expect(versions.length).toBeGreaterThan(0);
  expect(new Set(versions).size).toBe(1);
  const version = versions[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'rr-release-please-'));
  const [packed] = JSON.parse(
    execFileSync(
      'npm',
      ['pack', `release-please@${version}`, '--json', '--prefer-offline', '--pack-destination', dir],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    ),
  ) as { filename: string }[];
  const file = (f: string) =>
    JSON.parse(
      execFileSync('tar', ['-xzOf', join(dir, packed!.filename), `package/schemas/${f}`], { encoding: 'utf8' }),
    );
  return { version, config: file('config.json'), manifest: file('manifest.json') };
}

describe("release-please's config", () => {
  let schemas: ReturnType<typeof releasePleaseSchemas>;
  beforeAll(() => {
    schemas = releasePleaseSchemas();
  }, 120_000);

  const config = readJson<Record<string, unknown> & { packages: Record<string, Record<string, unknown>> }>(
    join(ROOT, 'release-please-config.json'),
  );
  const manifest = readJson<Record<string, string>>(join(ROOT, '.release-please-manifest.json'));
  const pkg = readJson<{ version: string }>(join(ROOT, 'package.json'));

  it('validates against the schema of the release-please the workflow runs, with no key it does not know', () => {
    const ajv = new Ajv({ allErrors: true, validateFormats: false });
    const validate = ajv.compile(schemas.config);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(ajv.validate(schemas.manifest, manifest), JSON.stringify(ajv.errors)).toBe(true);
    // The schema lets any key through inside a package: check those against the options it documents there.
    const known = new Set(
      Object.keys(
        (schemas.config as { definitions: { ReleaserConfigOptions: { properties: object } } }).definitions
          .ReleaserConfigOptions.properties,
      ),
    );
    for (const [path, p] of Object.entries(config.packages))
      expect(
        Object.keys(p).filter((k) => !known.has(k)),
        path,
      ).toEqual([]);
    // The check can fail: a misspelt top-level key is refused.
    expect(validate({ ...config, 'release-typ': 'node' })).toBe(false);
    expect(config.$schema).toBe(
      `https://raw.githubusercontent.com/googleapis/release-please/v${schemas.version}/schemas/config.json`,
    );
  });

  it('releases the root npm package; the first release is 1.0.0, so @v1 exists from the first release', () => {
    expect(config['release-type']).toBe('node');
    expect(Object.keys(config.packages)).toEqual(['.']);
    expect(manifest['.']).toBe(pkg.version);
    const releaseAs = config.packages['.']!['release-as'] as string | undefined;
    // release-as holds every release at that version: it goes once that version is out.
    if (releaseAs)
      expect(
        semver.gt(releaseAs, manifest['.']!),
        `release-as ${releaseAs} is released: remove it from release-please-config.json`,
      ).toBe(true);
    if (semver.lt(manifest['.']!, '1.0.0')) expect(releaseAs).toBe('1.0.0');
  });
});

describe('the release workflow', () => {
  const wf = parseYaml(workflow) as {
    on: { push: { branches: string[] } };
    permissions: Record<string, string>;
    jobs: Record<
      string,
      { needs?: string; if?: string; permissions: Record<string, string>; steps: { run?: string; with?: object }[] }
    >;
  };

  it('runs release-please on main, then publishes only for a release commit, with id-token: write for provenance', () => {
    expect(wf.on.push.branches).toEqual(['main']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    const publish = wf.jobs.publish!;
    expect(publish.needs).toBe('release-please');
    expect(publish.if).toBe("needs.release-please.outputs.tag != ''");
    expect(publish.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    expect(wf.jobs['release-please']!.permissions).not.toHaveProperty('id-token');
    const runs = Object.values(wf.jobs).flatMap((j) => j.steps.map((s) => s.run ?? ''));
    expect(runs.some((r) => r.includes('node scripts/release/release-tag.ts "$GITHUB_SHA"'))).toBe(true);
    expect(runs.some((r) => r.includes('npx tsx scripts/release/release.ts "$TAG"'))).toBe(true);
  });
});

describe('the release scripts, against a local bare repository', () => {
  const node24 = nodeOfMajor(24);
  let base: string;
  let origin: string;
  let work: string;

  /** What release-please does on merging a release PR: package.json at VERSION, a commit, the tag, pushed. */
  function mergeReleasePr(version: string): string {
    const pkgFile = join(work, 'package.json');
    writeFileSync(pkgFile, readFileSync(pkgFile, 'utf8').replace(/"version": "[^"]+"/, `"version": "${version}"`));
    git(work, 'commit', '-qam', `chore(main): release ${version}`);
    git(work, 'tag', `v${version}`);
    git(work, 'push', '-q', 'origin', 'main', `v${version}`);
    return git(work, 'rev-parse', 'HEAD');
  }

  /** The workflow's publish job: a checkout of the tag, then scripts/release/release.ts. */
  async function publishJob(tag: string) {
    const job = join(base, `job-${tag}-${Date.now()}`);
    git(base, '-c', 'advice.detachedHead=false', 'clone', '-q', '--branch', tag, origin, job);
    symlinkSync(join(ROOT, 'node_modules'), join(job, 'node_modules'));
    cpSync(join(ROOT, 'dist'), join(job, 'dist'), { recursive: true }); // what `npm ci` builds
    return runNode(
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/release/release.ts', tag, '--dry-run'],
      {
        cwd: job,
        env: process.env, // npm reaches the registry with this machine's settings (its certificates)
        node: node24,
      },
    );
  }

  /** The workflow's "Is this commit a release?" step, in a checkout of main. */
  const releaseTagOf = (sha: string) => {
    git(work, 'fetch', '-q', '--tags', '--force', 'origin');
    return runNode(['scripts/release/release-tag.ts', sha], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '' },
      node: node24,
    });
  };

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'rr-release-'));
    origin = join(base, 'origin.git');
    work = join(base, 'work');
    git(base, 'init', '-q', '--bare', '-b', 'main', origin);
    mkdirSync(work);
    // The repository as main holds it (its tracked files; no tests, benchmarks or docs needed to release).
    const files = git(ROOT, 'ls-files', '-co', '--exclude-standard')
      .split('\n')
      .filter((f) => !/^(test|bench|docs)\//.test(f) && existsSync(join(ROOT, f)));
    for (const f of files) cpSync(join(ROOT, f), join(work, f), { recursive: true });
    git(work, 'init', '-q', '-b', 'main');
    git(work, 'remote', 'add', 'origin', origin);
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', 'feat: release-radar');
    git(work, 'push', '-q', 'origin', 'main');
  });

  it('puts the bundle on the release tag, moves v1 with each 1.x.y, publishes (dry run); main never holds the bundle', async () => {
    const first = mergeReleasePr('1.0.0');
    expect((await releaseTagOf(first)).out).toBe('tag=v1.0.0\n');
    const r = await publishJob('v1.0.0');
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.out).toContain('+ release-radar@1.0.0');

    const tagged = git(origin, 'rev-parse', 'v1.0.0^{commit}');
    expect(git(origin, 'rev-parse', `${tagged}^`)).toBe(first); // on top of the release commit
    expect(git(origin, 'rev-parse', 'v1^{commit}')).toBe(tagged);
    expect(git(origin, 'ls-tree', '-r', '--name-only', 'v1', 'dist-action')).toBe('dist-action/release-radar.mjs');
    expect(git(origin, 'ls-tree', '-r', '--name-only', 'main', 'dist-action')).toBe('');
    expect(git(origin, 'rev-parse', 'main')).toBe(first);
    // The same commit again (a re-run of the workflow): not a release any more.
    expect((await releaseTagOf(first)).out).toBe('');

    // The action as users get it with `uses: …@v1`: the tag's tree, run by the runner against the fakes.
    const actionDir = mkdtempSync(join(tmpdir(), 'rr-release-action-'));
    execFileSync('sh', ['-c', `git -C "${origin}" archive v1 | tar -x -C "${actionDir}"`]);
    const [gh, cache] = await Promise.all([new FakeGitHub().start(), new FakeActionsCache().start()]);
    try {
      gh.publish('tensorflow/tensorflow', { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
      const ws = mkdtempSync(join(tmpdir(), 'rr-release-ws-'));
      writeFileSync(join(ws, 'release-radar.yaml'), 'repos: [tensorflow/tensorflow]\n');
      const run = await runJavaScriptAction({
        actionDir,
        inputs: { command: 'poll' },
        env: { GITHUB_API_URL: gh.url, LOG_LEVEL: 'silent' },
        workspace: ws,
        runId: 1,
        cache,
        node: node24,
      });
      expect(run.ok, run.log).toBe(true);
      expect(run.outputs.events).toBe('1');
    } finally {
      await Promise.all([gh.close(), cache.close()]);
    }

    // A fix release: v1 moves on, v1.0.0 stays where it was.
    writeFileSync(join(work, 'CHANGELOG.md'), '# Changelog\n');
    git(work, 'add', 'CHANGELOG.md');
    git(work, 'commit', '-qm', 'fix: a changelog');
    const second = mergeReleasePr('1.0.1');
    const r2 = await publishJob('v1.0.1');
    expect(r2.code, r2.err).toBe(0);
    const tagged2 = git(origin, 'rev-parse', 'v1.0.1^{commit}');
    expect(git(origin, 'rev-parse', `${tagged2}^`)).toBe(second);
    expect(git(origin, 'rev-parse', 'v1^{commit}')).toBe(tagged2);
    expect(git(origin, 'rev-parse', 'v1.0.0^{commit}')).toBe(tagged);

    // Re-running the publish job (after npm failed, say) commits nothing new and moves nothing.
    const again = await publishJob('v1.0.1');
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('the bundle was already on v1.0.1');
    expect(git(origin, 'rev-parse', 'v1.0.1^{commit}')).toBe(tagged2);
  }, 240_000);

  it('refuses what is not a release: a tag that is not vX.Y.Z, a checkout whose version is not the tag', () => {
    expect(() => majorTag('latest')).toThrow('"latest" is not a release tag like v1.2.3');
    expect(majorTag('v12.3.4')).toBe('v12');
    expect(() => publishPackage(ROOT, 'v9.9.9', { dryRun: true })).toThrow(
      /but the release is v9\.9\.9\. Publish from/,
    );
  });
});
