import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problems, tempConfig } from './helpers/config-errors.js';
import { loadConfig, validateConfig } from '../src/config/load.js';
import { requireEnv } from '../src/config/deferred-env.js';
import { ACTION_REPO, ACTION_VERSION } from '../src/cli/init-command.js';

describe('config', () => {
  it('defaults to pytorch and tensorflow with all five categories', () => {
    const c = loadConfig(undefined, {}, mkdtempSync(join(tmpdir(), 'rr-empty-')));
    expect(c.repos.map((r) => r.name)).toEqual(['pytorch/pytorch', 'tensorflow/tensorflow']);
    expect(c.repos[0]!.aliases).toContain('torch');
    expect(Object.keys(c.resolvedCategories)).toHaveLength(5);
    expect(c.file).toMatch(/config[\\/]default\.yaml$/);
  });

  it('reads ./release-radar.yaml from the working directory', () => {
    const file = tempConfig('repos: [huggingface/transformers]\n');
    const c = loadConfig(undefined, {}, join(file, '..'));
    expect(c.repos).toEqual([{ name: 'huggingface/transformers', aliases: [] }]);
  });

  it('rejects an invalid regex with file, key path and what is expected', () => {
    const file = tempConfig('categories:\n  cuda:\n    regexes: ["ok", "(unclosed"]\n');
    const msg = problems(() => loadConfig(file, {}));
    expect(msg).toContain(file);
    expect(msg).toContain('categories.cuda.regexes[1]');
    expect(msg).toContain('invalid regular expression "(unclosed"');
    expect(msg).toContain('expected a JavaScript regular expression');
  });

  it('rejects unknown fields and bad names', () => {
    const msg = problems(() =>
      validateConfig(
        { categories: { cuda: { keyword: ['CUDA'] }, 'Bad Name': {} }, repos: ['not-a-repo'] },
        'x.yaml',
        {},
      ),
    );
    expect(msg).toContain('categories.cuda: unknown key "keyword"');
    expect(msg).toMatch(/categories\.Bad Name.*lower case/);
    expect(msg).toContain('repos[0]');
    expect(msg).toContain('expected "owner/name"');
  });

  it('interpolates ${VAR} from the environment and names a missing one', () => {
    const ok = validateConfig({ repos: ['${OWNER}/radar'] }, 'x.yaml', { OWNER: 'acme' });
    expect(ok.repos[0]!.name).toBe('acme/radar');
    expect(problems(() => validateConfig({ repos: ['${NOPE}/radar'] }, 'x.yaml', {}))).toContain(
      'repos[0]: environment variable NOPE is not set',
    );
  });

  it('reports YAML syntax errors and unreadable files', () => {
    expect(problems(() => loadConfig(tempConfig('repos: [a/b\n'), {}))).toContain('YAML syntax');
    expect(() => loadConfig('/nonexistent/rr.yaml', {})).toThrow(/cannot read config file \(ENOENT\)/);
  });

  it('only_categories narrows the classifier and must name known categories', () => {
    expect(Object.keys(validateConfig({ only_categories: ['windows'] }, 'x.yaml', {}).resolvedCategories)).toEqual([
      'windows',
    ]);
    expect(problems(() => validateConfig({ only_categories: ['gpu'] }, 'x.yaml', {}))).toContain(
      'unknown category "gpu"',
    );
  });
});

describe('config: destinations and subscriptions', () => {
  const dest = (d: Record<string, unknown>) => ({ destinations: [d], subscriptions: [{ destination: d.name }] });

  it('accepts the documented example with secrets from the environment', () => {
    const c = validateConfig(
      {
        destinations: [
          { name: 'ml-infra', type: 'slack', channel: 'C0123456789', token: '${SLACK_BOT_TOKEN}' },
          { name: 'mobile-team', type: 'discord', webhook_url: '${DISCORD_WEBHOOK_MOBILE}' },
          { name: 'hook', type: 'slack-webhook', webhook_url: 'https://hooks.slack.com/services/T0/B0/abc' },
        ],
        subscriptions: [
          {
            destination: 'ml-infra',
            repos: ['pytorch/pytorch'],
            categories: ['distributed', 'packaging'],
            events: ['published', 'promoted'],
          },
          { destination: 'mobile-team' },
        ],
      },
      'x.yaml',
      { SLACK_BOT_TOKEN: 'xoxb-1-2', DISCORD_WEBHOOK_MOBILE: 'https://discord.com/api/webhooks/123/abc-DEF' },
    );
    expect(c.subscriptions[1]).toEqual({
      destination: 'mobile-team',
      events: ['published', 'edited', 'promoted'],
      prereleases: false,
      breaking_only: false,
    });
  });

  it('names a missing secret (when sending), an unknown destination, a bad webhook URL and an unknown category', () => {
    const unset = validateConfig(
      dest({ name: 'a', type: 'slack', channel: 'C1', token: '${SLACK_BOT_TOKEN}' }),
      'x.yaml',
      {},
    );
    expect(problems(() => requireEnv(unset, ['destinations'], 'poll sends with it'))).toContain(
      'destinations[0].token: environment variable SLACK_BOT_TOKEN is not set',
    );
    expect(problems(() => validateConfig({ subscriptions: [{ destination: 'nope' }] }, 'x.yaml', {}))).toContain(
      'subscriptions[0].destination: unknown destination "nope" (no destinations are configured)',
    );
    expect(
      problems(() =>
        validateConfig(dest({ name: 'd', type: 'discord', webhook_url: 'https://example.com/hook' }), 'x.yaml', {}),
      ),
    ).toContain(
      'destinations[0].webhook_url: expected a Discord webhook URL: https://discord.com/api/webhooks/<id>/<token>',
    );
    const msg = problems(() =>
      validateConfig(
        {
          destinations: [{ name: 'a', type: 'slack-webhook', webhook_url: 'https://hooks.slack.com/services/T0/B0/x' }],
          subscriptions: [{ destination: 'a', categories: ['gpu'] }],
        },
        'x.yaml',
        {},
      ),
    );
    expect(msg).toContain('subscriptions[0].categories[0]: unknown category "gpu"');
    expect(problems(() => validateConfig({ destinations: [{ name: 'a', type: 'irc' }] }, 'x.yaml', {}))).toContain(
      'destinations[0].type',
    );
    expect(
      problems(() =>
        validateConfig(
          dest({ name: 'h', type: 'slack-webhook', webhook_url: 'https://example.com/hook' }),
          'x.yaml',
          {},
        ),
      ),
    ).toContain('destinations[0].webhook_url: expected a Slack incoming-webhook URL');
  });

  it('rejects duplicate destination names', () => {
    const d = { name: 'a', type: 'slack-webhook', webhook_url: 'https://hooks.slack.com/services/T0/B0/x' };
    expect(problems(() => validateConfig({ destinations: [d, d] }, 'x.yaml', {}))).toContain(
      'destinations[1].name: "a" is used twice',
    );
  });
});

describe('config/example.yaml', () => {
  it('is a valid config once its secrets are set', () => {
    const c = loadConfig(join(import.meta.dirname, '..', 'config', 'example.yaml'), {
      SLACK_BOT_TOKEN: 'xoxb-1',
      DISCORD_WEBHOOK_MOBILE: 'https://discord.com/api/webhooks/1/abc',
      SMTP_URL: 'smtp://localhost:25',
    });
    expect(Object.keys(c.resolvedCategories)).toEqual([
      'mobile',
      'distributed',
      'packaging',
      'windows',
      'quantization',
      'cuda',
    ]);
    expect(c.resolvedCategories.windows!.keywords).toContain('Cygwin');
    expect(c.resolvedCategories.windows!.keywords).toContain('MSVC');
  });
});

describe("config/example.yaml's schema reference", () => {
  const ROOT = join(import.meta.dirname, '..');
  const schemaRef = (file: string) => /\$schema=(\S+)/.exec(readFileSync(file, 'utf8').split('\n')[0]!)?.[1];

  it('still names config/schema.json once copied to ./release-radar.yaml as the README says', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-example-'));
    const copy = join(dir, 'release-radar.yaml');
    copyFileSync(join(ROOT, 'config', 'example.yaml'), copy);
    const ref = schemaRef(copy)!;
    // The published raw URL names a file of this package; a relative path must exist beside the copy.
    const published = `https://raw.githubusercontent.com/${ACTION_REPO}/${ACTION_VERSION}/`;
    const target = ref.startsWith(published) ? join(ROOT, ref.slice(published.length)) : resolve(dir, ref);
    expect(existsSync(target), `${ref} (from ${copy})`).toBe(true);
    expect(target).toBe(join(ROOT, 'config', 'schema.json'));
  });

  it('is the one `release-radar init` writes', () => {
    const init = schemaRef(join(ROOT, 'config', 'init', 'release-radar.yaml'))!
      .replaceAll('__ACTION_REPO__', ACTION_REPO)
      .replaceAll('__ACTION_VERSION__', ACTION_VERSION);
    expect(schemaRef(join(ROOT, 'config', 'example.yaml'))).toBe(init);
  });
});
