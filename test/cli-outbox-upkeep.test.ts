// Outbox upkeep through the poll CLI: rows of a removed destination are retired with a summary line (and the
// poll exits 0 again), a retried row is rendered with today's templates, and a dry run writes no empty table.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../src/store/store.js';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { runCli } from './helpers/cli.js';
import { tfNotes } from '../src/fakes/notes.js';

const TF = 'tensorflow/tensorflow';

describe('outbox upkeep (poll CLI)', () => {
  let gh: FakeGitHub;
  let discord: FakeDiscord;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const write = (name: string, hooks: string[], extra: string[] = []) => {
    const file = join(dir, name);
    writeFileSync(
      file,
      [
        `repos: [${TF}]`,
        ...extra,
        'destinations:',
        ...hooks.map((h) => `  - { name: discord-${h}, type: discord, webhook_url: "\${HOOK_${h}}" }`),
        'subscriptions:',
        ...hooks.map((h) => `  - { destination: discord-${h} }`),
      ].join('\n'),
    );
    return file;
  };
  beforeEach(async () => {
    [gh, discord] = await Promise.all([new FakeGitHub().start(), new FakeDiscord().start()]);
    dir = mkdtempSync(join(tmpdir(), 'rr-upkeep-'));
    env = {
      GITHUB_API_URL: gh.url,
      DISCORD_API_URL: discord.apiUrl,
      LOG_LEVEL: 'silent',
      HOOK_1: discord.addWebhook('1'),
      HOOK_2: discord.addWebhook('2'),
    };
    gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
  });
  afterEach(async () => {
    await Promise.all([gh.close(), discord.close()]);
  });

  it('a destination removed from the config: its unsent rows are retired with a summary line, later polls exit 0', async () => {
    discord.webhooks.delete('2'); // discord-2 broken: its message is failed
    const db = join(dir, 'r.db');
    expect((await runCli(['poll', '--config', write('both.yaml', ['1', '2']), '--db', db], { env })).code).toBe(1);
    const only1 = write('one.yaml', ['1']);
    const summary = join(dir, 'summary.md');
    const next = await runCli(['poll', '--config', only1, '--db', db], {
      env: { ...env, GITHUB_STEP_SUMMARY: summary },
    });
    expect(next.err).toContain('delivery discord-2: 1 retired (the destination is no longer in the config)');
    expect(next.code).toBe(0);
    expect(readFileSync(summary, 'utf8')).toContain('1 retired: no longer in the config');
    const again = await runCli(['poll', '--config', only1, '--db', db], { env });
    expect(again.code).toBe(0);
    expect(again.err).not.toContain('discord-2');
    const store = await Store.open({ sqlitePath: db });
    expect((await store.outbox.list({ destination: 'discord-2' })).map((r) => r.status)).toEqual(['retired']);
    await store.close();
  });

  it('--retry-failed renders the retried message with the templates of today', async () => {
    discord.webhooks.delete('1');
    const db = join(dir, 't.db');
    expect((await runCli(['poll', '--config', write('a.yaml', ['1']), '--db', db], { env })).code).toBe(1);
    // The templates are fixed (here: a marker in the shared layout) and the webhook is back.
    const tpl = join(dir, 'tpl', 'discord');
    mkdirSync(tpl, { recursive: true });
    cpSync(join(import.meta.dirname, '..', 'templates', 'discord', 'message.liquid'), join(tpl, 'message.liquid'));
    const layout = readFileSync(join(tpl, 'message.liquid'), 'utf8');
    writeFileSync(
      join(tpl, 'message.liquid'),
      layout.replace('"title": {{ event.repo', '"title": {{ "FIXED " | append: event.repo'),
    );
    expect(readFileSync(join(tpl, 'message.liquid'), 'utf8')).toContain('FIXED');
    discord.addWebhook('1');
    const r = await runCli(
      ['poll', '--config', write('b.yaml', ['1'], ['templates: ./tpl']), '--db', db, '--retry-failed'],
      { env },
    );
    expect(r.code, r.err).toBe(0);
    expect(discord.messages).toHaveLength(1);
    expect(discord.messages[0]!.embeds[0]!.title).toMatch(/^FIXED /);
  });

  it('--dry-run writes no empty table to the job summary', async () => {
    const summary = join(dir, 'dry.md');
    const r = await runCli(['poll', '--config', write('d.yaml', ['1']), '--db', join(dir, 'd.db'), '--dry-run'], {
      env: { ...env, GITHUB_STEP_SUMMARY: summary },
    });
    expect(r.code).toBe(0);
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('### release-radar: 1 new change event (dry run)');
    expect(md).toContain('Dry run: nothing was sent or recorded.');
    expect(md).not.toContain('| destination |');
  });
});
