// Issue 9, "one composition root": the environment is parsed once by one zod schema, only the CLI's root reads
// it, and the secrets the schema flags are redacted from logs and error messages.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Context } from '../src/cli/context.js';
import type { Io } from '../src/cli/io.js';
import { envVariables, parseEnv, SECRET_VARS } from '../src/config/env-schema.js';
import { UsageError } from '../src/domain/errors.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { runCli } from './helpers/cli.js';

const ROOT = join(import.meta.dirname, '..');

function captureIo(env: NodeJS.ProcessEnv): Io & { errText: () => string } {
  let err = '';
  return { out: () => {}, err: (s) => void (err += s), stdin: process.stdin, env, errText: () => err };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('the environment schema', () => {
  it('gives defaults, drops empty values and unknown variables', () => {
    const env = parseEnv({ SLACK_APP_TOKEN: '', UNRELATED: 'x', DISCORD_API_URL: 'http://127.0.0.1:9/api/' });
    expect(env.GITHUB_API_URL).toBe('https://api.github.com');
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.SLACK_APP_TOKEN).toBeUndefined();
    expect(env.DISCORD_API_URL).toBe('http://127.0.0.1:9/api');
    expect(env).not.toHaveProperty('UNRELATED');
  });

  it('names every bad variable in one error, without showing a secret value', () => {
    let error: unknown;
    try {
      parseEnv({ DATABASE_URL: 'mysql://root:hunter2-pw@db/x', LOG_LEVEL: 'loud', GITHUB_API_URL: 'api.github.com' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const msg = (error as Error).message;
    expect(msg).toContain('DATABASE_URL: expected a postgres:// or postgresql:// URL');
    expect(msg).toContain('LOG_LEVEL');
    expect(msg).toContain('GITHUB_API_URL: expected an http(s) URL');
    expect(msg).not.toContain('hunter2');
  });

  it('flags every token, signing secret and credential-carrying URL as a secret', () => {
    const names = envVariables().map((v) => v.name);
    expect(names.length).toBeGreaterThanOrEqual(14);
    for (const name of names) {
      const looksSecret = /TOKEN|SECRET/.test(name) || name === 'DATABASE_URL' || name === 'SMTP_URL';
      expect(SECRET_VARS.includes(name), name).toBe(looksSecret);
    }
  });

  it('is read by the CLI only: no module outside src/cli/io.ts touches process.env', () => {
    const readers = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'parsers'))]
      .filter((f) => /process\.env\b/.test(readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')))
      .map((f) => relative(ROOT, f));
    expect(readers).toEqual(['src/cli/io.ts']);
  });

  it('a bad variable stops a command with exit 2 and its name', async () => {
    const r = await runCli(['poll', '--dry-run'], { env: { LOG_LEVEL: 'loud' } });
    expect(r.code).toBe(2);
    expect(r.err).toContain('invalid environment');
    expect(r.err).toContain('LOG_LEVEL');
  });
});

describe('the composition root', () => {
  const secrets = {
    GITHUB_TOKEN: 'ghp_tokenvalue123',
    DATABASE_URL: 'postgres://radar:pw-s3cret-9@127.0.0.1:1/db',
    SLACK_BOT_TOKEN: 'xoxb-abc-123456',
  };

  it("redacts the schema's secrets from every log line, by value, also inside URLs and messages", async () => {
    const io = captureIo({ ...secrets, LOG_LEVEL: 'debug' });
    const logger = await new Context(io).logger();
    logger.info(`calling GitHub with ${secrets.GITHUB_TOKEN}`);
    logger.warn(
      { err: { message: 'password authentication failed: pw-s3cret-9' }, url: secrets.DATABASE_URL },
      'store',
    );
    logger.debug({ headers: { 'x-slack': secrets.SLACK_BOT_TOKEN } }, 'slack');
    const out = io.errText();
    expect(out.split('\n').filter(Boolean)).toHaveLength(3);
    for (const v of [secrets.GITHUB_TOKEN, 'pw-s3cret-9', secrets.SLACK_BOT_TOKEN]) expect(out).not.toContain(v);
    expect(out.match(/\[secret\]/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it("hides every platform's secret shapes from the first log line, before any sender is built", async () => {
    const io = captureIo({ LOG_LEVEL: 'info' });
    const logger = await new Context(io).logger();
    const quoted = [
      'xoxb-999-unregistered-token',
      'https://hooks.slack.com/services/T0AB/B0CD/unregisteredtoken1',
      'https://discord.com/api/webhooks/123/unregistered-webhook-token-abc',
      'https://prod-00.westus.logic.azure.com/workflows/f1/triggers/manual/paths/invoke?api-version=1&sig=flowsignature42',
      'whsec_dW5yZWdpc3RlcmVkIHNpZ25pbmcgc2VjcmV0',
    ];
    for (const q of quoted) logger.warn(`request failed: ${q}`);
    const out = io.errText();
    for (const secret of [
      'unregistered-token',
      'unregisteredtoken1',
      'unregistered-webhook-token-abc',
      'flowsignature42',
      'dW5yZWdpc3RlcmVk',
    ])
      expect(out).not.toContain(secret);
  });

  it('logs at LOG_LEVEL from the environment it is given', async () => {
    const io = captureIo({ LOG_LEVEL: 'warn' });
    const logger = await new Context(io).logger();
    logger.info('hidden');
    logger.warn('shown');
    expect(io.errText()).toContain('shown');
    expect(io.errText()).not.toContain('hidden');
  });

  it('builds each dependency once and hands the same one to every caller', async () => {
    const ctx = new Context(captureIo({ LOG_LEVEL: 'silent' }), { db: ':memory:' });
    const [a, b] = await Promise.all([ctx.store(), ctx.store()]);
    expect(a).toBe(b);
    expect(await ctx.github()).toBe(await ctx.github());
    expect(await ctx.env()).toBe(await ctx.env());
    await ctx.close();
  });

  it('error messages leave with the secrets redacted', async () => {
    const ctx = new Context(captureIo(secrets));
    expect(await ctx.redact(`connect to ${secrets.DATABASE_URL} failed`)).toBe('connect to [secret] failed');
    expect(await ctx.redact('auth pw-s3cret-9 rejected')).toBe('auth [secret] rejected');
  });

  it('a command uses the environment the test passes through Io, not the process one', async () => {
    const gh = await new FakeGitHub().start();
    try {
      gh.publish('pytorch/pytorch', { tag_name: 'v1.0.0', body: '## Distributed\n\n- Fixed NCCL (#1)\n' });
      const r = await runCli(['poll', '--dry-run', '--repo', 'pytorch/pytorch', '--format', 'json'], {
        env: { GITHUB_API_URL: gh.url, GITHUB_TOKEN: 'ghp_fromtheio', LOG_LEVEL: 'silent' },
      });
      expect(r.code).toBe(0);
      expect(gh.requests[0]!.authorization).toBe('token ghp_fromtheio');
    } finally {
      await gh.close();
    }
  });
});
