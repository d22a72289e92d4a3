// Node support and packaging (issue 14, part 4; issue 21): engines, CI's Node lines, the packed tarball, init,
// the Slack manifest file and the Discord command definition built with discord.js's builders.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { discordCommandDefinition } from '../src/chat/discord-command.js';
import { loadConfig } from '../src/config/load.js';
import { ACTION_REPO, ACTION_VERSION } from '../src/cli/init-command.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { tfNotes, torchNotes } from '../src/fakes/notes.js';
import { runCli } from './helpers/cli.js';
import { runNode } from './helpers/spawn.js';

const ROOT = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  engines: { node: string };
  files: string[];
  repository: { url: string };
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; dev?: boolean; optional?: boolean; engines?: { node?: string } }>;
};
const yamlFile = (p: string) => parseYaml(readFileSync(join(ROOT, p), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Node versions', () => {
  it('engines says >=22.13 and no locked dependency needs a newer Node', () => {
    expect(pkg.engines.node).toBe('>=22.13');
    const min = semver.minVersion(pkg.engines.node)!.version;
    // Every release of each supported line: the oldest 22 that engines admits, and 24.
    const bad = Object.entries(lock.packages)
      .filter(([k, p]) => k && !p.optional && p.engines?.node)
      .flatMap(([k, p]) =>
        [min, '24.0.0']
          .filter((v) => !semver.satisfies(v, p.engines!.node!))
          .map((v) => `${k.replace(/.*node_modules\//, '')}@${p.version} (node ${p.engines!.node}) on ${v}`),
      );
    expect(bad).toEqual([]);
  });

  it('ci.yml tests on Node 22 and 24', () => {
    const ci = yamlFile('.github/workflows/ci.yml');
    expect(ci.jobs.test.strategy.matrix.node).toEqual([22, 24]);
    expect(
      ci.jobs.test.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/setup-node')).with['node-version'],
    ).toBe('${{ matrix.node }}');
  });
});

/** The config keys that hold secrets: those whose schema takes `${VAR}` as written (config/schema.json). */
function secretKeys(): Set<string> {
  const out = new Set<string>();
  const walk = (o: unknown, key: string | null): void => {
    if (!o || typeof o !== 'object') return;
    const pattern = (o as { pattern?: unknown }).pattern;
    if (key && typeof pattern === 'string' && pattern.includes('\\$\\{')) out.add(key);
    for (const [k, v] of Object.entries(o))
      if (k === 'properties') for (const [p, ps] of Object.entries(v as object)) walk(ps, p);
      else walk(v, null);
  };
  walk(JSON.parse(readFileSync(join(ROOT, 'config', 'schema.json'), 'utf8')), null);
  return out;
}

describe('npm pack', () => {
  it('lists only what users need: the CLI, its built-in config and templates, the examples', () => {
    const [info] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: ROOT, encoding: 'utf8' }),
    ) as { files: { path: string }[] }[];
    const paths = info!.files.map((f) => f.path);
    const top = new Set(
      paths.map((p) => (p.startsWith('dist/') ? p.split('/').slice(0, 2).join('/') : p.split('/')[0])),
    );
    expect([...top].sort()).toEqual([
      'README.md',
      'bin',
      'config',
      'dist/builtin-config.json',
      'dist/cli',
      'dist/src',
      'examples',
      'package.json',
      'slack-manifest.yaml',
      'templates',
    ]);
    // dist/src: only the two files the built-in config's freshness hash reads (src/config/builtin-cache.ts).
    expect(paths.filter((p) => p.startsWith('dist/src/')).sort()).toEqual([
      'dist/src/classify/rules-schema.js',
      'dist/src/config/schema.js',
    ]);
    expect(paths.filter((p) => /^(test|bench|scripts|src|docs|dist-action)\/|\.map$|fixtures/.test(p))).toEqual([]);
  });

  it(
    'the tarball installs in an empty folder and runs --version, parse, init and a dry-run poll against the fake GitHub',
    { timeout: 240_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rr-pack-'));
      const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      const [info] = JSON.parse(out) as { filename: string }[];
      const app = join(dir, 'app');
      mkdirSync(app);
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
      // Dependencies come from the npm cache, or the registry for what it lacks; nothing compiles.
      execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, info!.filename)], {
        cwd: app,
        encoding: 'utf8',
        stdio: 'pipe',
      });
      expect(existsSync(join(app, 'node_modules', 'vitest'))).toBe(false);
      const bin = join(app, 'node_modules', '.bin', 'release-radar');
      const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
        runNode([bin, ...args], { cwd: app, env: { ...process.env, LOG_LEVEL: 'warn', ...env } });

      expect((await cli(['--version'])).out.trim()).toBe(pkg.version);
      const parsed = execFileSync(bin, ['parse', '--format', 'json', '--repo', 'pytorch/pytorch'], {
        cwd: app,
        encoding: 'utf8',
        input: '## Distributed\n- Fixed a hang in ProcessGroupNCCL abort (#1001)\n',
      });
      expect((JSON.parse(parsed) as { items: unknown[] }).items[0]).toMatchObject({
        text: 'Fixed a hang in ProcessGroupNCCL abort (#1001)',
        categories: ['distributed'],
      });

      const init = await cli(['init']);
      expect(init.code, init.err).toBe(0);
      expect(readFileSync(join(app, '.github', 'workflows', 'release-radar.yml'), 'utf8')).toContain(
        `uses: ${ACTION_REPO}@v1`,
      );

      const gh = await new FakeGitHub().start();
      try {
        gh.publish('pytorch/pytorch', { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
        gh.publish('tensorflow/tensorflow', { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
        const poll = await cli(['poll', '--dry-run'], { GITHUB_API_URL: gh.url });
        expect(poll.code, poll.err).toBe(0);
        expect(poll.out).toContain('PUBLISHED pytorch/pytorch v2.9.0');
        expect(poll.out).toContain('PUBLISHED tensorflow/tensorflow v2.20.0');
        expect(existsSync(join(app, '.release-radar'))).toBe(false); // a dry run writes no store
      } finally {
        await gh.close();
      }
    },
  );
});

describe('release-radar --version and init', () => {
  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r).toMatchObject({ code: 0, out: `${pkg.version}\n` });
  });

  it('init writes a commented config whose schema URL and workflow point at the v1 tag, and never overwrites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-init-'));
    const r = await runCli(['init', '--dir', dir]);
    expect(r.code).toBe(0);
    const config = readFileSync(join(dir, 'release-radar.yaml'), 'utf8');
    // The repository the package is published from, at the major tag the release workflow moves.
    const repo = /github\.com\/([\w-]+\/[\w-]+)\.git$/.exec(pkg.repository.url)![1];
    expect(ACTION_REPO).toBe(repo);
    expect(ACTION_VERSION).toBe(`v${Math.max(1, semver.major(pkg.version))}`);
    expect(config.split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://raw.githubusercontent.com/${repo}/v1/config/schema.json`,
    );
    expect(loadConfig(join(dir, 'release-radar.yaml'), {}).repos.map((x) => x.name)).toEqual([
      'pytorch/pytorch',
      'tensorflow/tensorflow',
    ]);
    const wfText = readFileSync(join(dir, '.github/workflows/release-radar.yml'), 'utf8');
    expect(wfText.trim().split('\n').length).toBeLessThanOrEqual(14);
    const wf = parseYaml(wfText) as { jobs: { poll: { steps: { uses: string; with?: { command: string } }[] } } };
    expect(wf.jobs.poll.steps[1]).toMatchObject({ uses: `${repo}@v1`, with: { command: 'poll' } });

    writeFileSync(join(dir, 'release-radar.yaml'), 'mine\n');
    const again = await runCli(['init', '--dir', dir]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exist');
    expect(readFileSync(join(dir, 'release-radar.yaml'), 'utf8')).toBe('mine\n');
    const fresh = mkdtempSync(join(tmpdir(), 'rr-init-'));
    writeFileSync(join(fresh, 'release-radar.yaml'), 'mine\n');
    expect((await runCli(['init', '--dir', fresh])).code).toBe(2);
    expect(readdirSync(fresh)).toEqual(['release-radar.yaml']); // all or nothing: no workflow written either
  });

  it('init never suggests putting a secret in the config file: every secret key names an environment variable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-init-'));
    const r = await runCli(['init', '--dir', dir]);
    const config = readFileSync(join(dir, 'release-radar.yaml'), 'utf8');
    const secrets = secretKeys();
    expect([...secrets].sort()).toEqual(['secret', 'smtp_url', 'token', 'url', 'webhook_url']);
    // Commented or not, each secret key the template shows is written as ${NAME}.
    const shown = [...config.matchAll(/^[#\s-]*([a-z_]+):\s*(\S+)/gm)].filter((m) => secrets.has(m[1]!));
    expect(shown.length).toBeGreaterThan(0);
    for (const [line, , value] of shown) expect(value, line).toMatch(/^\$\{[A-Z][A-Z0-9_]*\}$/);
    // The example, uncommented, is a valid config once the environment has the secrets.
    const examples = /^# ((?:destinations|subscriptions):)$((?:\n# {2,}.*)*)/gm;
    const uncommented = config.replace(examples, (_, key: string, body: string) => key + body.replace(/\n# /g, '\n'));
    writeFileSync(join(dir, 'release-radar.yaml'), uncommented);
    const loaded = loadConfig(join(dir, 'release-radar.yaml'), {
      SLACK_BOT_TOKEN: 'xoxb-1-2',
      DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/abc',
    });
    expect(loaded.destinations.map((d) => d.type)).toEqual(['slack', 'discord']);
    // Where it says a secret goes: the repository's secrets, passed in the workflow step's env.
    for (const text of [config, r.out]) {
      expect(text).toContain('Settings → Secrets and variables → Actions');
      expect(text).not.toMatch(/put (the|its) value in|paste|set its secret/i);
    }
    const wf = parseYaml(readFileSync(join(dir, '.github/workflows/release-radar.yml'), 'utf8')) as {
      jobs: { poll: { steps: { env?: Record<string, string> }[] } };
    };
    const env = Object.values(wf.jobs.poll.steps[1]!.env ?? {});
    expect(env.length).toBeGreaterThan(0);
    for (const v of env) expect(v).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
  });

  it("init's errors are full sentences that say what to do", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-init-'));
    writeFileSync(join(dir, 'release-radar.yaml'), 'mine\n');
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(dir, '.github', 'workflows', 'release-radar.yml'), 'mine\n');
    const file = join(mkdtempSync(join(tmpdir(), 'rr-init-')), 'a-file');
    writeFileSync(file, '');
    const errors = [
      await runCli(['init', '--dir', dir]), // both files exist
      await runCli(['init', '--dir', file]), // --dir is a file
    ];
    for (const e of errors) {
      expect(e.code, e.err).toBe(2);
      expect(e.err.trim().split('\n')).toHaveLength(1);
      expect(e.err.trim()).toMatch(/^release-radar: \S.*[a-z)]\.$/);
      expect(e.err).not.toMatch(/ENOTDIR|EEXIST|Error:|\n\s+at /);
    }
    expect(errors[0]!.err).toContain('and init never overwrites a file. Move them away or pick another --dir.');
    expect(errors[1]!.err).toContain(
      'a file is in the way where a folder should be. Point --dir at your repository folder.',
    );
  });
});

describe('chat set-up files', () => {
  it('the Slack app manifest is a file the README links to, with /releases and the scopes it needs', () => {
    const m = yamlFile('slack-manifest.yaml');
    expect(m.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/releases']);
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write']));
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('](slack-manifest.yaml)');
    expect(pkg.files).toContain('slack-manifest.yaml');
  });

  it('the Discord /releases definition comes from SlashCommandBuilder (typed options, explicit required flags)', async () => {
    const def = await discordCommandDefinition(['pytorch/pytorch'], ['mobile', 'distributed']);
    const subs = def.options!;
    expect(subs.every((s) => s.type === ApplicationCommandOptionType.Subcommand)).toBe(true);
    const show = subs[0] as { options: { name: string; type: number; required: boolean }[] };
    expect(show.options.map((o) => [o.name, o.type, o.required])).toEqual([
      ['repo', ApplicationCommandOptionType.String, true],
      ['category', ApplicationCommandOptionType.String, false],
      ['version', ApplicationCommandOptionType.String, false],
      ['public', ApplicationCommandOptionType.Boolean, false],
    ]);
    // The builder validates what Discord would refuse, before anything is sent.
    await expect(discordCommandDefinition(['pytorch/pytorch'], ['Not A Valid Name!'.repeat(10)])).rejects.toThrow();
  });
});
