// Discord without a public URL (issue 14, part 3): serve answers /releases from the gateway's INTERACTION_CREATE.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeDiscordGateway } from '../src/fakes/discord-gateway.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { torchNotes } from '../src/fakes/notes.js';
import { startServeProcess, until, type ServeProcess } from './helpers/serve-process.js';
import { discordKeys, interaction } from '../src/fakes/signing.js';

const PT = 'pytorch/pytorch';

describe('serve on the Discord gateway', () => {
  let gh: FakeGitHub;
  let discord: FakeDiscord;
  let gateway: FakeDiscordGateway;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const running: ServeProcess[] = [];

  beforeEach(async () => {
    [gh, discord, gateway] = await Promise.all([
      new FakeGitHub().start(),
      new FakeDiscord().start(),
      new FakeDiscordGateway().start(),
    ]);
    discord.gatewayUrl = gateway.url;
    discord.botToken = gateway.botToken; // shaped like a real one: discord.js strips a leading "Bot" from tokens
    dir = mkdtempSync(join(tmpdir(), 'rr-gateway-'));
    gh.publish(PT, { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    writeFileSync(
      join(dir, 'release-radar.yaml'),
      [`repos: [{ name: ${PT}, aliases: [pytorch] }]`, 'chat: { admins: ["55"] }'].join('\n'),
    );
    // A bot token and no public key: no Interactions Endpoint URL, so the gateway.
    env = {
      GITHUB_API_URL: gh.url,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_BOT_TOKEN: gateway.botToken,
      LOG_LEVEL: 'silent',
    };
  });
  afterEach(async () => {
    for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await Promise.all([gh.close(), discord.close(), gateway.close()]);
  });

  const serve = async (config = join(dir, 'release-radar.yaml'), more: NodeJS.ProcessEnv = {}) => {
    const p = await startServeProcess(['--config', config, '--db', join(dir, 'state.db')], { ...env, ...more });
    running.push(p);
    return p;
  };
  const send = (sub: string, options: Record<string, string | boolean>, extra: Record<string, unknown> = {}) => {
    const i = JSON.parse(interaction(sub, options, extra)) as { id: string; token: string };
    gateway.dispatchInteraction(i);
    return i;
  };
  const repliesTo = (token: string) => discord.interactionReplies.filter((r) => r.path.includes(`/${token}/`));

  it('identifies, heartbeats, and answers /releases through the callback route and the webhook edit', async () => {
    const p = await serve();
    expect(gateway.identifies).toEqual([{ token: gateway.botToken, intents: 0 }]); // no privileged intents
    expect(gateway.connected).toBe(1);
    expect(await p.health()).toMatchObject({ discord: true, discord_transport: 'gateway' });

    const i = send('show', { repo: 'pytorch/pytorch', category: 'distributed' });
    await until('the answer', () => repliesTo(i.token).length >= 2);
    const [deferred, edit] = repliesTo(i.token);
    expect(deferred).toMatchObject({
      method: 'POST',
      path: `/api/v10/interactions/${i.id}/${i.token}/callback`,
      body: { type: 5, data: { flags: 64 } },
    });
    expect(edit!.method).toBe('PATCH');
    expect(edit!.path).toBe(`/api/v10/webhooks/4242/${i.token}/messages/@original`);
    expect(edit!.body.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(edit!.body.embeds)).toContain('Fixed a hang in `ProcessGroupNCCL` abort');

    const ac = send(
      'show',
      {},
      {
        type: 4,
        id: '9002',
        token: 'itoken-ac',
        data: {
          name: 'releases',
          options: [
            {
              type: 1,
              name: 'show',
              options: [
                { name: 'repo', type: 3, value: 'pytorch/pytorch' },
                { name: 'version', type: 3, value: '', focused: true },
              ],
            },
          ],
        },
      },
    );
    await until('autocomplete', () => repliesTo(ac.token).length >= 1);
    expect(repliesTo(ac.token)[0]).toMatchObject({
      path: `/api/v10/interactions/9002/itoken-ac/callback`,
      body: {
        type: 8,
        data: {
          choices: [
            { name: 'latest-rc', value: 'latest-rc' },
            { name: 'v2.9.0', value: 'v2.9.0' },
          ],
        },
      },
    });
    await until('heartbeats', () => gateway.heartbeats >= 1, 5000);

    p.child.kill('SIGTERM');
    expect((await p.exited).code).toBe(0);
    expect(gateway.connected).toBe(0);
  });

  it('the same admins rule as over HTTP', async () => {
    await serve();
    const no = send('subscribe', { repo: 'pytorch/pytorch', categories: 'mobile' }, { member: { user: { id: '66' } } });
    await until('the refusal', () => repliesTo(no.token).length >= 2);
    expect(String(repliesTo(no.token)[1]!.body.content)).toContain('Only the configured admins');
    const yes = send('subscribe', { repo: 'pytorch/pytorch', categories: 'mobile' });
    await until('the subscription', () => repliesTo(yes.token).length >= 2);
    expect(String(repliesTo(yes.token)[1]!.body.content)).toContain(
      'Subscribed this channel to pytorch/pytorch: mobile',
    );
  });

  it('malformed INTERACTION_CREATE payloads never end the process; the next good one is answered', async () => {
    const p = await serve();
    const good = JSON.parse(interaction('show', { repo: 'pytorch/pytorch' })) as Record<string, unknown>;
    const { entitlements: _, ...noEntitlements } = { ...good, entitlements: [] };
    const bad: unknown[] = [
      { ...noEntitlements, version: 1, locale: 'en-US', app_permissions: '2048', id: '9101', token: 'tok-a' }, // no entitlements
      { ...good, entitlements: [], id: '9102', token: 'tok-b', data: null },
      { ...good, entitlements: [], id: '9103', token: 'tok-c', data: { name: 'releases', options: 'x' } },
      { ...good, entitlements: [], id: '9104', token: '../../channels/1/messages' },
      { ...good, entitlements: [], id: '9105', token: 'tok-e', application_id: '../x' },
      { ...good, entitlements: [], id: 'abc', token: 'tok-f' },
      { ...good, entitlements: 'none', id: '9107', token: 'tok-g', member: { user: null } },
      { type: 2 },
      null,
      'INTERACTION',
      [1, 2],
    ];
    for (const d of bad) gateway.dispatchRaw(d);
    const ok = send('show', { repo: 'pytorch/pytorch', category: 'distributed' });
    await until('the good interaction answered', () => repliesTo(ok.token).length >= 2);
    expect(p.child.exitCode).toBeNull();
    expect((await p.health()).ok).toBe(true);
    // Nothing went to a path built from a malformed token or application id.
    for (const { path } of discord.interactionReplies) {
      expect(path).not.toContain('..');
      expect(path).toMatch(
        /^\/api\/v10\/(interactions\/\d+\/[\w-]+\/callback|webhooks\/4242\/[\w-]+(\/messages\/@original)?)$/,
      );
    }
    expect(repliesTo('tok-b')).toEqual([]); // no data: nothing to answer
  });

  it('chat.discord_gateway: true uses the gateway even with a public key; without it, the public key means HTTP', async () => {
    const keys = discordKeys();
    const withKey = { DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APPLICATION_ID: '4242' };
    const http = await serve(undefined, withKey);
    expect(await http.health()).toMatchObject({ discord_transport: 'http' });
    expect(gateway.identifies).toEqual([]);
    http.child.kill('SIGTERM');
    await http.exited;

    writeFileSync(join(dir, 'gw.yaml'), [`repos: [${PT}]`, 'chat: { discord_gateway: true }'].join('\n'));
    const gw = await serve(join(dir, 'gw.yaml'), withKey);
    expect(await gw.health()).toMatchObject({ discord_transport: 'gateway' });
    expect(gateway.connected).toBe(1);
  });
});
