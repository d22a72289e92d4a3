// serve and poll as two processes sharing one PostgreSQL store; query and register-commands from the CLI.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { runCli } from './helpers/cli.js';
import { runBin } from './helpers/spawn.js';
import { startServeProcess, type ServeProcess } from './helpers/serve-process.js';
import { torchNotes } from '../src/fakes/notes.js';
import { ResponseUrlSink } from '../src/fakes/response-url.js';
import { SLACK_SECRET, slackHeaders, slashBody } from '../src/fakes/signing.js';
import { postgresLocation } from './helpers/stores.js';

const PT = 'pytorch/pytorch';

describe('serve + poll in two processes on PostgreSQL', () => {
  let gh: FakeGitHub;
  let slack: FakeSlack;
  let sink: ResponseUrlSink;
  let pg: Awaited<ReturnType<typeof postgresLocation>>;
  let serve: ServeProcess | undefined;
  beforeEach(async () => {
    [gh, slack, sink] = await Promise.all([
      new FakeGitHub().start(),
      new FakeSlack().start(),
      new ResponseUrlSink().start(),
    ]);
    pg = await postgresLocation();
  });
  afterEach(async () => {
    // Its store closed before the database goes (a drop while its pool closes terminates its connections).
    if (serve && serve.child.exitCode === null) {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
    await pg.drop();
    await Promise.all([gh.close(), slack.close(), sink.close()]);
  });

  it('a subscription made in chat by `serve` is used by a separate `poll`', async () => {
    gh.publish(PT, { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    slack.channels.add('CQA');
    const env = {
      DATABASE_URL: pg.location.databaseUrl!,
      GITHUB_API_URL: gh.url,
      SLACK_API_URL: slack.apiUrl,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      LOG_LEVEL: 'silent',
    };
    serve = await startServeProcess([], env);
    const started = serve;
    const body = slashBody('subscribe torch distributed', { responseUrl: sink.url('sub'), channel: 'CQA' });
    const r = await fetch(`${started.url}/slack/events`, { method: 'POST', headers: slackHeaders(body), body });
    expect(r.status).toBe(200);
    const [reply] = await sink.waitFor(1, 'sub');
    expect(String(reply!.body.text)).toContain('Subscribed this channel to pytorch/pytorch: distributed');

    const poll = await runBin(['poll', '--repo', PT], env);
    expect(poll.err).toContain('delivery slack:CQA: 1 sent');
    expect(poll.code).toBe(0);
    expect(slack.messages.map((m) => m.channel)).toEqual(['CQA']);
    expect(JSON.stringify(slack.messages[0]!.blocks)).toContain('*distributed*: 1 fixed');
    expect(JSON.stringify(slack.messages[0]!.blocks)).not.toContain('packaging');
  }, 30_000);
});

describe('release-radar query and discord register-commands', () => {
  let gh: FakeGitHub;
  let discord: FakeDiscord;
  let dir: string;
  beforeEach(async () => {
    [gh, discord] = await Promise.all([new FakeGitHub().start(), new FakeDiscord().start()]);
    dir = mkdtempSync(join(tmpdir(), 'rr-query-'));
    gh.publish(PT, { tag_name: 'v2.8.0', body: torchNotes('2.8.0', ['Old NCCL fix (#900)']) });
    gh.publish(PT, { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    gh.publish(PT, {
      tag_name: 'v2.10.0-rc1',
      body: torchNotes('2.10.0', ['Candidate NCCL fix (#1100)']),
      prerelease: true,
    });
  });
  afterEach(() => Promise.all([gh.close(), discord.close()]));

  it('query: latest, a tag, latest-rc; JSON and text', async () => {
    const env = { GITHUB_API_URL: gh.url, LOG_LEVEL: 'silent' };
    const db = join(dir, 'q.db');
    const json = JSON.parse(
      (await runCli(['query', 'torch', 'distributed', '--format', 'json', '--db', db], { env })).out,
    );
    expect(json.release.tag).toBe('v2.9.0');
    expect(Object.keys(json.categories)).toEqual(['distributed']);
    expect(json.categories.distributed.map((i: { text: string }) => i.text)).toEqual([
      'Fixed a hang in ProcessGroupNCCL abort (#1001)',
    ]);
    const old = await runCli(['query', 'pytorch/pytorch', '--release', '2.8.0', '--db', db], { env });
    expect(old.out).toContain('# pytorch/pytorch v2.8.0');
    expect(old.out).toContain('Old NCCL fix');
    expect(old.out).toContain('[#900](https://github.com/pytorch/pytorch/pull/900)');
    const rc = JSON.parse(
      (await runCli(['query', 'torch', '--release', 'latest-rc', '--format', 'json', '--db', db], { env })).out,
    );
    expect(rc.release).toMatchObject({ tag: 'v2.10.0-rc1', prerelease: true });
    const missing = await runCli(['query', 'torch', '--release', 'v9.9.9', '--db', db], { env });
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no release v9.9.9 of pytorch/pytorch found');
    const jax = await runCli(['query', 'jax', '--db', db], { env });
    expect(jax.err).toContain('unknown repo "jax"');
    // It lists what the config tracks, aliases included.
    expect(jax.err).toMatch(/tracked: pytorch\/pytorch \(/);
  });

  it('register-commands PUTs /releases with category choices and version autocomplete', async () => {
    const env = {
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_APPLICATION_ID: '4242',
      DISCORD_BOT_TOKEN: 'bot-token',
      LOG_LEVEL: 'silent',
    };
    const r = await runCli(['discord', 'register-commands', '--guild', '99'], { env });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [reg] = discord.registrations;
    expect(reg!.path).toBe('/api/v10/applications/4242/guilds/99/commands');
    const [cmd] = reg!.body as {
      name: string;
      options: { name: string; options?: { name: string; choices?: { value: string }[]; autocomplete?: boolean }[] }[];
    }[];
    expect(cmd!.name).toBe('releases');
    expect(cmd!.options.map((o) => o.name)).toEqual(['show', 'category', 'subscribe', 'unsubscribe', 'list', 'help']);
    const show = cmd!.options[0]!.options!;
    expect(show.find((o) => o.name === 'category')!.choices!.map((c) => c.value)).toEqual([
      'mobile',
      'distributed',
      'packaging',
      'windows',
      'quantization',
    ]);
    expect(show.find((o) => o.name === 'version')!.autocomplete).toBe(true);
    const noToken = await runCli(['discord', 'register-commands'], { env: { DISCORD_APPLICATION_ID: '4242' } });
    expect(noToken.code).toBe(2);
    expect(noToken.err).toContain('set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN');
  });
});
