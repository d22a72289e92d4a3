// A `${VAR}` that is not set is an error only for the command that uses it (issue: the digest job in Actions
// passes only SMTP_URL; `parse` with a copied config/example.yaml needs no secret at all).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { requireEnv } from '../src/config/deferred-env.js';
import { loadConfig, validateConfig } from '../src/config/load.js';
import { ConfigError } from '../src/domain/errors.js';
import { runCli } from './helpers/cli.js';

const ROOT = join(import.meta.dirname, '..');
const EXAMPLE = join(ROOT, 'config', 'example.yaml');
const problems = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('${VAR}s of the destinations and email wait for the command that sends', () => {
  it('config/example.yaml loads with none of its variables set; sending names each one, never a value', () => {
    const c = loadConfig(EXAMPLE, {});
    expect(c.destinations.map((d) => d.name)).toEqual(['ml-infra', 'mobile-team']);
    expect(problems(() => requireEnv(c, ['destinations'], 'poll sends with it'))).toEqual([
      'destinations[0].token: environment variable SLACK_BOT_TOKEN is not set (poll sends with it: export it (in GitHub Actions: a repository secret, passed in the env: of the step))',
      'destinations[1].webhook_url: environment variable DISCORD_WEBHOOK_MOBILE is not set (poll sends with it: export it (in GitHub Actions: a repository secret, passed in the env: of the step))',
    ]);
    expect(problems(() => requireEnv(c, ['email'], 'digest sends mail with it'))).toEqual([
      'email.smtp_url: environment variable SMTP_URL is not set (digest sends mail with it: export it (in GitHub Actions: a repository secret, passed in the env: of the step))',
    ]);
    const set = loadConfig(EXAMPLE, { SMTP_URL: 'smtp://u:hunter2@mail.example.com:587' });
    expect(() => requireEnv(set, ['email'], 'digest')).not.toThrow();
  });

  it('a set variable is still checked at load, and an unset one is an error at load anywhere else', () => {
    const slack = { name: 'a', type: 'slack', channel: 'C1', token: '${SLACK_BOT_TOKEN}' };
    expect(problems(() => validateConfig({ destinations: [slack] }, 'x.yaml', { SLACK_BOT_TOKEN: 'x' }))).toEqual([
      'destinations[0].token: expected a Slack bot token (xoxb-...); put it in an environment variable and write ${SLACK_BOT_TOKEN}',
    ]);
    expect(problems(() => validateConfig({ site: { base_url: '${SITE_URL}' } }, 'x.yaml', {}))).toEqual([
      'site.base_url: environment variable SITE_URL is not set (export it, or put the value in the file)',
    ]);
    // A key the schema does not take a ${VAR} for as written (a channel id is digits) cannot wait either.
    const channel = { name: 'b', type: 'discord-channel', channel_id: '${CHANNEL}', token: 't' };
    expect(problems(() => validateConfig({ destinations: [channel] }, 'x.yaml', {}))).toEqual([
      'destinations[0].channel_id: environment variable CHANNEL is not set (export it, or put the value in the file)',
    ]);
  });
});

describe('the CLI with config/example.yaml', () => {
  const db = () => join(mkdtempSync(join(tmpdir(), 'rr-deferred-')), 'state.db');

  it('parse needs no variable', async () => {
    const r = await runCli(['parse', '-', '--config', EXAMPLE], { stdin: '* Fixed a Windows build.\n' });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('## windows (1)');
  });

  it('digest runs with only what .github/workflows/digest.yml passes', async () => {
    const workflow = parseYaml(readFileSync(join(ROOT, '.github', 'workflows', 'digest.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { env?: Record<string, string> }[] }>;
    };
    const names = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => Object.keys(s.env ?? {})));
    expect(names).toEqual(['SMTP_URL']);
    const r = await runCli(['digest', '--config', EXAMPLE, '--db', db()], {
      env: { SMTP_URL: 'smtp://127.0.0.1:9', LOG_LEVEL: 'silent' },
    });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('digest weekly-ml -> ');
  });

  it('serve --poll-every and --digest-schedule, which send, fail before they listen', async () => {
    const r = await runCli(
      [
        'serve',
        '--config',
        EXAMPLE,
        '--db',
        db(),
        '--port',
        '0',
        '--poll-every',
        '1h',
        '--digest-schedule',
        '0 8 * * 1',
      ],
      { env: { LOG_LEVEL: 'silent' } },
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'destinations[0].token: environment variable SLACK_BOT_TOKEN is not set (serve --poll-every',
    );
  });

  it('poll, which sends, fails before it starts, naming the variables', async () => {
    const r = await runCli(['poll', '--config', EXAMPLE, '--db', db()], { env: { SMTP_URL: 'smtp://x' } });
    expect(r.code).toBe(2);
    expect(r.err).toContain('destinations[0].token: environment variable SLACK_BOT_TOKEN is not set (poll sends');
    expect(r.err).toContain('destinations[1].webhook_url: environment variable DISCORD_WEBHOOK_MOBILE is not set');
  });
});
