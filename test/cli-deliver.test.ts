// The poll CLI with deliveries, as a real process: dry-run payloads, the job summary, and a crash mid fan-out.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fakes/discord.js';
import { FakeGitHub } from './fakes/github.js';
import { FakeSlack } from './fakes/slack.js';
import { runCli } from './helpers/cli.js';
import { tfNotes } from './helpers/notes.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'release-radar.js');
const TF = 'tensorflow/tensorflow';

function runBin(args: string[], env: NodeJS.ProcessEnv, onSpawn?: (kill: () => void) => void): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    onSpawn?.(() => child.kill('SIGKILL'));
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

describe('poll with deliveries (CLI)', () => {
  let gh: FakeGitHub;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const channels = ['C1', 'C2', 'C3', 'C4', 'C5'];
  const hooks = ['201', '202', '203'];

  beforeEach(async () => {
    [gh, slack, discord] = await Promise.all([new FakeGitHub().start(), new FakeSlack().start(), new FakeDiscord().start()]);
    dir = mkdtempSync(join(tmpdir(), 'rr-deliver-'));
    for (const c of channels) slack.channels.add(c);
    const hookEnv = Object.fromEntries(hooks.map((h) => [`HOOK_${h}`, discord.addWebhook(h)]));
    const yaml = [
      `repos: [${TF}]`,
      'destinations:',
      ...channels.map((c) => `  - { name: slack-${c}, type: slack, channel: ${c}, token: "\${SLACK_BOT_TOKEN}" }`),
      ...hooks.map((h) => `  - { name: discord-${h}, type: discord, webhook_url: "\${HOOK_${h}}" }`),
      'subscriptions:',
      ...channels.map((c) => `  - { destination: slack-${c} }`),
      ...hooks.map((h) => `  - { destination: discord-${h} }`),
    ].join('\n');
    writeFileSync(join(dir, 'release-radar.yaml'), yaml);
    env = {
      GITHUB_API_URL: gh.url,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      LOG_LEVEL: 'silent',
      ...hookEnv,
    };
    gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
  });
  afterEach(async () => {
    await Promise.all([gh.close(), slack.close(), discord.close()]);
  });

  it('--dry-run --format json adds the exact request bodies and sends nothing', async () => {
    const r = await runCli(['poll', '--config', join(dir, 'release-radar.yaml'), '--db', join(dir, 'd.db'), '--dry-run', '--format', 'json'], { env });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.deliveries).toHaveLength(channels.length + hooks.length);
    const d = out.deliveries.find((x: { destination: string }) => x.destination === 'slack-C1');
    expect(d).toMatchObject({ destination: 'slack-C1', event: out.events[0].id, type: 'published', repo: TF, tag: 'v2.20.0' });
    expect(d.payloads[0]).toMatchObject({ channel: 'C1' });
    expect(d.payloads[0].blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'tensorflow/tensorflow v2.20.0 published' } });
    const dd = out.deliveries.find((x: { destination: string }) => x.destination === 'discord-201');
    expect(dd.payloads[0].allowed_mentions).toEqual({ parse: [] });
    expect(slack.messages).toEqual([]);
    expect(discord.messages).toEqual([]);
  });

  it('writes a run summary, also as the GitHub Actions job summary', async () => {
    const summary = join(dir, 'summary.md');
    const r = await runCli(['poll', '--config', join(dir, 'release-radar.yaml'), '--db', join(dir, 's.db')], { env: { ...env, GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(0);
    expect(r.err).toContain('delivery slack-C1: 1 sent, 0 retried, 0 failed, 0 pending');
    expect(r.err).toContain('delivery discord-203: 1 sent');
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('### release-radar: 1 new change event');
    expect(md).toContain('| slack-C1 | 1 | 0 | 0 | 0 |  |');
  });

  it('a process killed mid fan-out, then rerun: every message delivered, at most the in-flight ones twice', async () => {
    const db = join(dir, 'crash.db');
    const args = ['poll', '--config', join(dir, 'release-radar.yaml'), '--db', db];
    let kill: () => void = () => {};
    let seen = 0;
    // Kill the process as the 4th message arrives (others may be in flight on their own queues).
    const onMessage = () => {
      if (++seen === 4) kill();
    };
    slack.onMessage = onMessage;
    discord.onMessage = onMessage;
    const first = await runBin(args, env, (k) => (kill = k));
    expect(first.signal).toBe('SIGKILL');
    const afterCrash = slack.messages.length + discord.messages.length;
    expect(afterCrash).toBeLessThan(channels.length + hooks.length);
    slack.onMessage = undefined;
    discord.onMessage = undefined;

    const second = await runBin(args, env);
    expect(second.code).toBe(0);
    const perDestination = new Map<string, number>();
    for (const m of slack.messages) perDestination.set(`slack-${m.channel}`, (perDestination.get(`slack-${m.channel}`) ?? 0) + 1);
    for (const m of discord.messages) perDestination.set(`discord-${m.webhook}`, (perDestination.get(`discord-${m.webhook}`) ?? 0) + 1);
    expect(perDestination.size).toBe(channels.length + hooks.length); // nothing lost
    const duplicated = [...perDestination.values()].filter((n) => n > 1);
    for (const n of perDestination.values()) expect(n).toBeLessThanOrEqual(2); // at most the one in flight, again
    // A destination's message could only be repeated if it was in flight when the process died.
    expect(duplicated.length).toBeLessThanOrEqual(afterCrash);
    const third = await runBin(args, env);
    expect(third.code).toBe(0);
    expect(slack.messages.length + discord.messages.length).toBe([...perDestination.values()].reduce((a, b) => a + b, 0));
  }, 60_000);
});
