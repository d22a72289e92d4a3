// serve as the always-on bot (issue 14, part 2): it polls, delivers and shuts down cleanly by itself.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { FakeSmtp } from '../src/fakes/smtp.js';
import { runBin } from './helpers/spawn.js';
import { tfNotes } from '../src/fakes/notes.js';
import { startServeProcess, until, type ServeProcess } from './helpers/serve-process.js';
import { postgresLocation } from './helpers/stores.js';

const TF = 'tensorflow/tensorflow';

/** The docs' example /healthz answer (docs/operations.md): the JSON block after its `GET /healthz`. */
function readmeHealthz(): unknown {
  const readme = readFileSync(join(import.meta.dirname, '..', 'docs', 'operations.md'), 'utf8');
  const block = /`GET \/healthz`[^]*?```json\n([^]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('docs/operations.md has no ```json example after `GET /healthz`');
  return JSON.parse(block);
}
/** The keys of a JSON value, nested (leaves become their type), to compare shapes, not values. */
const shape = (v: unknown): unknown =>
  v && typeof v === 'object'
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
    : v === null
      ? null
      : typeof v;

describe('serve --poll-every', () => {
  let gh: FakeGitHub;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const running: ServeProcess[] = [];

  beforeEach(async () => {
    [gh, slack, discord] = await Promise.all([
      new FakeGitHub().start(),
      new FakeSlack().start(),
      new FakeDiscord().start(),
    ]);
    dir = mkdtempSync(join(tmpdir(), 'rr-always-on-'));
    slack.channels.add('C1');
    writeFileSync(
      join(dir, 'release-radar.yaml'),
      [
        `repos: [${TF}]`,
        'destinations:',
        '  - { name: team-slack, type: slack, channel: C1, token: "${SLACK_BOT_TOKEN}" }',
        '  - { name: team-discord, type: discord, webhook_url: "${DISCORD_WEBHOOK_URL}" }',
        'subscriptions:',
        '  - { destination: team-slack }',
        '  - { destination: team-discord }',
      ].join('\n'),
    );
    env = {
      GITHUB_API_URL: gh.url,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      DISCORD_WEBHOOK_URL: discord.addWebhook('301'),
      LOG_LEVEL: 'info',
    };
    gh.publish(TF, { tag_name: 'v2.19.0', body: tfNotes('2.19.0') });
  });
  afterEach(async () => {
    for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await Promise.all([gh.close(), slack.close(), discord.close()]);
  });

  const serve = async (extra: string[] = [], more: NodeJS.ProcessEnv = {}) => {
    const p = await startServeProcess(['--config', join(dir, 'release-radar.yaml'), '--poll-every', '2s', ...extra], {
      ...env,
      ...more,
    });
    running.push(p);
    return p;
  };
  const tags = (xs: { text?: string; content?: string }[]) =>
    xs.map((m) => /v2\.\d+\.0/.exec(m.text ?? m.content ?? '')?.[0]);

  it('a new release on GitHub reaches Slack and Discord with no other command; /healthz tells the last and next poll', async () => {
    const p = await serve(['--db', join(dir, 'state.db')]);
    await until('the first poll', async () => (await p.health()).poll.last !== null);
    const h = await p.health();
    expect(h).toMatchObject({
      ok: true,
      store: 'sqlite',
      store_up: true,
      poll: { every: '2s', last: { outcome: 'ok', detail: { events: 1 } } },
    });
    expect(Date.parse(h.poll.next)).toBeGreaterThan(Date.parse(h.poll.last.at));
    expect(shape(h), 'docs/operations.md documents /healthz as it answers').toEqual(shape(readmeHealthz()));
    await until('the first release delivered', () => slack.messages.length === 1 && discord.messages.length === 1);

    gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
    await until('v2.20.0 on Slack and Discord', () => slack.messages.length === 2 && discord.messages.length === 2);
    expect(tags(slack.messages)).toEqual(['v2.19.0', 'v2.20.0']);
    expect(tags(discord.messages.map((m) => ({ content: m.content + JSON.stringify(m.embeds) })))).toEqual([
      'v2.19.0',
      'v2.20.0',
    ]);
    p.child.kill('SIGTERM');
    expect((await p.exited).code).toBe(0);
  });

  it('SIGTERM mid-send: exits 0 within 10 s and loses nothing (what was not sent goes out on the next run, once)', async () => {
    const db = join(dir, 'state.db');
    const p = await serve(['--db', db]);
    await until('the first release delivered', () => slack.messages.length === 1);
    const batch = ['v2.20.0', 'v2.21.0', 'v2.22.0', 'v2.23.0', 'v2.24.0'];
    for (const t of batch) gh.publish(TF, { tag_name: t, body: tfNotes(t.slice(1)) });
    // Slack takes about one message a second per channel: stop the process after the first of the batch.
    let stoppedAt = 0;
    slack.onMessage = () => {
      if (!stoppedAt && slack.messages.length === 2) {
        stoppedAt = Date.now();
        p.child.kill('SIGTERM');
      }
    };
    const exit = await p.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - stoppedAt).toBeLessThan(10_000);
    expect(p.err()).toContain('shutting down');
    const sentBefore = slack.messages.length;
    expect(sentBefore).toBeLessThan(1 + batch.length); // it did stop mid-batch

    const r = await runBin(['poll', '--config', join(dir, 'release-radar.yaml'), '--db', db], env);
    expect(r.code).toBe(0);
    expect(tags(slack.messages).sort()).toEqual(['v2.19.0', ...batch].sort());
    expect(new Set(tags(slack.messages)).size).toBe(slack.messages.length); // none twice
  });

  it('replicas on one PostgreSQL database split the due repos and deliver each release once', async () => {
    const pg = await postgresLocation();
    try {
      const more = { DATABASE_URL: pg.location.databaseUrl! };
      const [a, b] = await Promise.all([serve([], more), serve([], more)]);
      await until('the first release delivered', () => slack.messages.length === 1 && discord.messages.length === 1);
      gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
      await until('v2.20.0 delivered', () => slack.messages.length >= 2 && discord.messages.length >= 2);
      // Both poll (no replica waits for a lock); the one repo is claimed by one of them per interval.
      await until('both replicas polled', async () => {
        const outcomes = [(await a.health()).poll.last?.outcome, (await b.health()).poll.last?.outcome];
        return outcomes.every((o) => o === 'ok');
      });
      // Two more turns each: nothing is delivered again.
      const turns = [new Set<string>(), new Set<string>()];
      await until(
        'two more turns of each replica',
        async () => {
          for (const [i, p] of [a, b].entries()) turns[i]!.add(String((await p.health()).poll.last?.at));
          return turns.every((t) => t.size >= 3);
        },
        30_000,
      );
      expect(tags(slack.messages)).toEqual(['v2.19.0', 'v2.20.0']);
      expect(discord.messages).toHaveLength(2);
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      expect([(await a.exited).code, (await b.exited).code]).toEqual([0, 0]);
    } finally {
      await pg.drop();
    }
  });

  it('--digest-schedule sends the digests on the cron schedule, from the same store the polls fill', async () => {
    const smtp = await new FakeSmtp().start();
    try {
      writeFileSync(
        join(dir, 'digest.yaml'),
        [
          `repos: [${TF}]`,
          'digests:',
          '  - { name: weekly-ml, to: [ml-team@example.com], send_empty: true }',
          'email: { from: "release-radar <bot@example.com>" }',
        ].join('\n'),
      );
      // Every 3 seconds (croner takes a seconds field): time for the first poll to fill the store.
      const p = await startServeProcess(
        [
          '--config',
          join(dir, 'digest.yaml'),
          '--db',
          join(dir, 'd.db'),
          '--poll-every',
          '1h',
          '--digest-schedule',
          '*/3 * * * * *',
        ],
        {
          ...env,
          SMTP_URL: smtp.url,
        },
      );
      running.push(p);
      await until('a digest sent', () => smtp.received.length >= 1);
      await until('/healthz shows it', async () => (await p.health()).digest.last?.outcome === 'ok');
      const h = await p.health();
      expect(h.digest).toMatchObject({ schedule: '*/3 * * * * *', last: { outcome: 'ok' } });
      expect(Date.parse(h.digest.next)).toBeGreaterThan(Date.now() - 1000);
      expect(smtp.received[0]!.envelopeTo).toEqual(['ml-team@example.com']);
      p.child.kill('SIGTERM');
      expect((await p.exited).code).toBe(0);
    } finally {
      await smtp.close();
    }
  });

  it('bad --poll-every and --digest-schedule are refused with an example', async () => {
    const r = await runBin(['serve', '--poll-every', '15 minutes'], env);
    expect(r.code).toBe(2);
    expect(r.err).toContain('invalid --poll-every "15 minutes": expected a number and a unit, like 30s, 15m or 1h');
    const c = await runBin(['serve', '--digest-schedule', '0 8 * *'], env);
    expect(c.code).toBe(2);
    expect(c.err).toContain('invalid --digest-schedule "0 8 * *"');
  });
});
