// Node support and packaging (issue 14, part 4): engines, CI's Node lines, the packed tarball, init,
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
import { runCli } from './helpers/cli.js';

const ROOT = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  engines: { node: string };
  files: string[];
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

describe('npm pack', () => {
  it('gives a package without tests or fixtures that installs and runs on its own', { timeout: 180_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-pack-'));
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    const paths = info!.files.map((f) => f.path);
    expect(paths).toContain('bin/release-radar.js');
    expect(paths).toContain('dist/cli/run.js');
    // The validated built-in config: without it an installed `parse` loads the YAML parser and zod each run.
    expect(paths).toContain('dist/builtin-config.json');
    expect(paths).toContain('config/categories.yaml');
    expect(paths.filter((p) => /^(test|bench|scripts|src)\/|\.map$|fixtures/.test(p))).toEqual([]);

    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    // Dependencies come from the npm cache, or the registry for what it lacks. Install scripts are off: the
    // native SQLite binding is only loaded by commands that open a store, and neither command below does.
    execFileSync(
      'npm',
      ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', join(dir, info!.filename)],
      { cwd: app, encoding: 'utf8', stdio: 'pipe' },
    );
    expect(existsSync(join(app, 'node_modules', 'vitest'))).toBe(false);
    const bin = join(app, 'node_modules', '.bin', 'release-radar');
    expect(execFileSync(bin, ['--version'], { cwd: app, encoding: 'utf8' }).trim()).toBe(pkg.version);
    const parsed = JSON.parse(
      execFileSync(bin, ['parse', '--format', 'json', '--repo', 'pytorch/pytorch'], {
        cwd: app,
        encoding: 'utf8',
        input: '## Distributed\n- Fixed a hang in ProcessGroupNCCL abort (#1001)\n',
      }),
    ) as { items: { text: string; categories: string[] }[] };
    expect(parsed.items[0]).toMatchObject({
      text: 'Fixed a hang in ProcessGroupNCCL abort (#1001)',
      categories: ['distributed'],
    });
  });
});

describe('release-radar --version and init', () => {
  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r).toMatchObject({ code: 0, out: `${pkg.version}\n` });
  });

  it('init writes a commented config with the schema line and the workflow, and never overwrites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-init-'));
    const r = await runCli(['init', '--dir', dir]);
    expect(r.code).toBe(0);
    const config = readFileSync(join(dir, 'release-radar.yaml'), 'utf8');
    expect(config.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=https:\/\/\S+\/config\/schema\.json$/);
    expect(loadConfig(join(dir, 'release-radar.yaml'), {}).repos.map((x) => x.name)).toEqual([
      'pytorch/pytorch',
      'tensorflow/tensorflow',
    ]);
    const wfText = readFileSync(join(dir, '.github/workflows/release-radar.yml'), 'utf8');
    expect(wfText.trim().split('\n').length).toBeLessThanOrEqual(14);
    const wf = parseYaml(wfText) as { jobs: { poll: { steps: { uses: string; with?: { command: string } }[] } } };
    expect(wf.jobs.poll.steps[1]).toMatchObject({
      uses: expect.stringMatching(/^[\w-]+\/release-radar@v\d+$/),
      with: { command: 'poll' },
    });

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
