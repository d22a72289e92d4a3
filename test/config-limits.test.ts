// Issue 22, points 7, 8 and 9: configs that are too big, YAML alias bombs, typos in `extend`, subscriptions to
// repos the config does not track, and the smtp_url hint: each a clear ConfigError (exit 2) naming the fix.
import { describe, expect, it } from 'vitest';
import { problems, tempConfig } from './helpers/config-errors.js';
import { CONFIG_LIMITS } from '../src/config/limits.js';
import { loadConfig, validateConfig } from '../src/config/load.js';
import { Redactor } from '../src/domain/redact.js';

const redact = (s: string) => new Redactor().redact(s);
import { runCli } from './helpers/cli.js';
import { runBin } from './helpers/spawn.js';

const BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'repos: [pytorch/pytorch]',
].join('\n');

describe('config limits', () => {
  it('a YAML alias bomb is a config error, exit 2, in a process', async () => {
    const file = tempConfig(BOMB);
    const r = await runBin(['parse', '--config', file, '-'], { LOG_LEVEL: 'silent' });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}: invalid configuration`);
    expect(r.err).toContain(`at most ${CONFIG_LIMITS.aliases} expansions`);
  });

  it('a file over the size limit is refused before it is parsed', () => {
    const file = tempConfig(`repos: [pytorch/pytorch]\n# ${'x'.repeat(CONFIG_LIMITS.bytes)}\n`);
    expect(problems(() => loadConfig(file, {}))).toMatch(/the file is \d+ bytes \(at most 1048576\)/);
  });

  it('too many rules, or one too long, are refused at once with the limit', async () => {
    const keywords = Array.from({ length: 300_000 }, (_, i) => `kw${i}`);
    const msg = problems(() => validateConfig({ categories: { cuda: { keywords } } }, 'big.yaml', {}));
    expect(msg).toContain(`categories: 300000 rules in all (at most ${CONFIG_LIMITS.rules})`);
    expect(
      problems(() => validateConfig({ categories: { cuda: { regexes: ['a'.repeat(1001)] } } }, 'x.yaml', {})),
    ).toContain('categories.cuda.regexes[0]: a rule of 1001 characters (at most 1000)');
    // The built-in categories are far below: every config that worked still does.
    expect(() =>
      validateConfig({ categories: { cuda: { keywords: keywords.slice(0, 1000) } } }, 'ok.yaml', {}),
    ).not.toThrow();
  });

  it('extend: true on a name that is no built-in category is a typo, with a suggestion', () => {
    const msg = problems(() => validateConfig({ categories: { windwos: { extend: true } } }, 'x.yaml', {}));
    expect(msg).toContain(
      'categories.windwos.extend: there is no built-in category windwos to extend; did you mean windows?',
    );
    expect(() => validateConfig({ categories: { cuda: { keywords: ['CUDA'] } } }, 'x.yaml', {})).not.toThrow();
  });

  it('a subscription or digest naming a repo the config does not track is an error, not silence', () => {
    const msg = problems(() =>
      validateConfig(
        {
          repos: [{ name: 'pytorch/pytorch', aliases: ['torch'] }],
          destinations: [{ name: 's', type: 'slack', channel: 'C1', token: 'xoxb-1' }],
          subscriptions: [
            { destination: 's', repos: ['pytorch/pytorch', 'jax-ml/jax'] },
            { destination: 's', repos: ['torch/torch'] },
          ],
          digests: [{ name: 'w', to: ['a@b.c'], repos: ['jax-ml/jax'] }],
          email: { from: 'x <a@b.c>', smtp_url: 'smtp://h:25' },
        },
        'x.yaml',
        {},
      ),
    );
    expect(msg).toContain(
      'subscriptions[0].repos[1]: jax-ml/jax is not tracked by this config (tracked: pytorch/pytorch)',
    );
    expect(msg).toContain('subscriptions[1].repos[0]: torch/torch is not tracked');
    expect(msg).toContain('digests[0].repos[0]: jax-ml/jax is not tracked');
  });

  it("a bad smtp_url's hint keeps its example; a real password is still hidden", async () => {
    expect(redact('expected smtp://user:pass@host:587 or smtps://...')).toBe(
      'expected smtp://user:pass@host:587 or smtps://...',
    );
    expect(redact('connect smtp://alice:hunter2@mail.example:587')).toBe(
      'connect smtp://alice:[secret]@mail.example:587',
    );
    const file = tempConfig(
      [
        'repos: [pytorch/pytorch]',
        'digests: [{ name: w, to: [a@b.c] }]',
        'email: { from: "x <a@b.c>", smtp_url: "${SMTP_URL}" }',
      ].join('\n'),
    );
    const r = await runCli(['digest', '--config', file, '--dry-run'], {
      env: { SMTP_URL: 'smtp//alice:hunter2@mail.example:587' },
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain('email.smtp_url: expected smtp://user:pass@host:587');
    expect(r.err).not.toContain('hunter2');
  });
});
