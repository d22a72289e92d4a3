// The poll CLI with deliveries, as a real process: dry-run payloads, the job summary, and a crash mid fan-out.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { runCli } from './helpers/cli.js';
import { runBin } from './helpers/spawn.js';
import { tfNotes } from '../src/fakes/notes.js';

const TF = 'tensorflow/tensorflow';

describe('poll with deliveries (CLI)', () => {
  let gh: FakeGitHub;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const channels = ['C1', 'C2', 'C3', 'C4', 'C5'];
  const hooks = ['201', '202', '203'];

  beforeEach(async () => {
    [gh, slack, discord] = await Promise.all([
      new FakeGitHub().start(),
      new FakeSlack().start(),
      new FakeDiscord().start(),
    ]);
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
    const r = await runCli(
      ['poll', '--config', join(dir, 'release-radar.yaml'), '--db', join(dir, 'd.db'), '--dry-run', '--format', 'json'],
      { env },
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.deliveries).toHaveLength(channels.length + hooks.length);
    const d = out.deliveries.find((x: { destination: string }) => x.destination === 'slack-C1');
    expect(d).toMatchObject({
      destination: 'slack-C1',
      event: out.events[0].id,
      type: 'published',
      repo: TF,
      tag: 'v2.20.0',
    });
    expect(d.payloads[0]).toMatchObject({ channel: 'C1' });
    expect(d.payloads[0].blocks[0]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*<https://github.com/tensorflow/tensorflow/releases/tag/v2.20.0|tensorflow/tensorflow v2.20.0>* · published',
      },
    });
    const dd = out.deliveries.find((x: { destination: string }) => x.destination === 'discord-201');
    expect(dd.payloads[0].allowed_mentions).toEqual({ parse: [] });
    expect(slack.messages).toEqual([]);
    expect(discord.messages).toEqual([]);
  });

  it('writes a run summary, also as the GitHub Actions job summary', async () => {
    const summary = join(dir, 'summary.md');
    const r = await runCli(['poll', '--config', join(dir, 'release-radar.yaml'), '--db', join(dir, 's.db')], {
      env: { ...env, GITHUB_STEP_SUMMARY: summary },
    });
    expect(r.code).toBe(0);
    expect(r.err).toContain('delivery slack-C1: 1 sent, 0 retried, 0 failed, 0 pending');
    expect(r.err).toContain('delivery discord-203: 1 sent');
    for (const h of hooks) expect(r.err + r.out).not.toContain(`tok-${h}`); // webhook tokens are secrets
    expect(r.err + r.out).not.toContain('xoxb-test-token');
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('### release-radar: 1 new change event');
    expect(md).toContain('| slack-C1 | 1 | 0 | 0 | 0 |  |');
  });

  it('--retry-failed sends again what a broken destination refused, once it is fixed', async () => {
    discord.webhooks.delete('202'); // discord-202 answers 404: broken
    const args = ['poll', '--config', join(dir, 'release-radar.yaml'), '--db', join(dir, 'r.db')];
    const first = await runCli(args, { env });
    expect(first.code).toBe(1);
    expect(first.err).toMatch(
      /delivery discord-202: 0 sent, 0 retried, 1 failed, 0 pending \(broken: Discord answered 404/,
    );
    discord.addWebhook('202');
    const plain = await runCli(args, { env });
    // Failed stays failed without the flag, and every run says so and what to do.
    expect(plain.err).not.toMatch(/delivery discord-202/);
    expect(plain.err).toContain('1 failed message waits (discord-202 1)');
    const retried = await runCli([...args, '--retry-failed'], { env });
    expect(retried.code).toBe(0);
    expect(retried.err).toContain('delivery discord-202: 1 sent');
    expect(discord.messages.filter((m) => m.webhook === '202')).toHaveLength(1);
  });

  it('a process killed mid fan-out, then rerun: every message delivered, at most the in-flight ones twice', async () => {
    // A release long enough for several parts per destination, so that the kill lands mid fan-out.
    const many = Array.from(
      { length: 700 },
      (_, i) =>
        `*   \`tf.distribute\`: fixed collective timeout case ${i} with a long explanation of the failure (#${30000 + i})`,
    );
    gh.publish(TF, { tag_name: 'v2.21.0', body: tfNotes('2.21.0', many) });
    const cfgFile = join(dir, 'crash.yaml');
    writeFileSync(
      cfgFile,
      [
        `repos: [${TF}]`,
        'destinations:',
        '  - { name: slack-C1, type: slack, channel: C1, token: "${SLACK_BOT_TOKEN}" }',
        '  - { name: slack-C2, type: slack, channel: C2, token: "${SLACK_BOT_TOKEN}" }',
        '  - { name: discord-201, type: discord, webhook_url: "${HOOK_201}" }',
        'subscriptions:',
        '  - { destination: slack-C1, categories: [distributed] }',
        '  - { destination: slack-C2, categories: [distributed] }',
        '  - { destination: discord-201, categories: [distributed] }',
      ].join('\n'),
    );
    const db = join(dir, 'crash.db');
    const dry = JSON.parse(
      (await runCli(['poll', '--config', cfgFile, '--db', db, '--dry-run', '--format', 'json'], { env })).out,
    );
    const expected = new Map<string, number>(
      dry.deliveries.map((d: { destination: string; payloads: unknown[] }) => [d.destination, d.payloads.length]),
    );
    expect([...expected.values()].every((n) => n >= 2)).toBe(true);

    const args = ['poll', '--config', cfgFile, '--db', db];
    let kill: () => void = () => {};
    let seen = 0;
    const onMessage = () => {
      if (++seen === 4) kill(); // one or more messages may still be in flight, one per destination queue
    };
    slack.onMessage = onMessage;
    discord.onMessage = onMessage;
    const first = await runBin(args, env, (child) => (kill = () => child.kill('SIGKILL')));
    expect(first.signal).toBe('SIGKILL');
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    expect(slack.messages.length + discord.messages.length).toBeLessThan(total);
    slack.onMessage = undefined;
    discord.onMessage = undefined;

    expect((await runBin(args, env)).code).toBe(0);
    // Count what each destination received, per part (the summary is part 1, "details N/M" in every other).
    const received = new Map<string, number>();
    const count = (key: string) => received.set(key, (received.get(key) ?? 0) + 1);
    const part = (s: string) => /details (\d+)\//.exec(s)?.[1] ?? '1';
    for (const m of slack.messages) count(`slack-${m.channel}#${part(JSON.stringify(m.blocks))}`);
    for (const m of discord.messages) count(`discord-${m.webhook}#${part(m.content)}`);
    for (const [dest, parts] of expected) {
      for (let p = 1; p <= parts; p++)
        expect(received.get(`${dest}#${p}`), `${dest} part ${p}`).toBeGreaterThanOrEqual(1); // nothing lost
    }
    const repeated = [...received].filter(([, n]) => n > 1);
    for (const [, n] of repeated) expect(n).toBe(2);
    expect(repeated.length).toBeLessThanOrEqual(expected.size); // at most the one in flight per destination
    // Slack replies still thread under the first part, across the two runs.
    const c1 = slack.messages.filter((m) => m.channel === 'C1');
    for (const m of c1.filter((x) => JSON.stringify(x.blocks).includes('details ')))
      expect(m.thread_ts).toBe(c1[0]!.ts);

    const before = slack.messages.length + discord.messages.length;
    expect((await runBin(args, env)).code).toBe(0);
    expect(slack.messages.length + discord.messages.length).toBe(before);
  }, 60_000);
});
