// Every discord.js REST client goes through the global fetch (discordRest in src/deliver/senders/discord.ts), so
// msw in-process sees its calls: command registration and the gateway's REST calls reach the fake Discord's
// handlers for discord.com, with no loopback server and nothing let through to the network.
import { describe, expect, it } from 'vitest';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeDiscordGateway } from '../src/fakes/discord-gateway.js';
import { interaction } from '../src/fakes/signing.js';
import { silentLogger } from '../src/log.js';
import { startDiscordGateway } from '../src/platforms/discord-channel/gateway.js';
import { runCli } from './helpers/cli.js';
import { useMsw } from './helpers/msw.js';
import { until } from './helpers/serve-process.js';

describe('discord register-commands in-process', () => {
  const msw = useMsw(); // onUnhandledRequest: 'error'

  it('PUTs the command to the msw fake at the default API base (discord.com)', async () => {
    const discord = new FakeDiscord();
    msw.use(discord);
    const env = { DISCORD_APPLICATION_ID: '4242', DISCORD_BOT_TOKEN: discord.botToken, LOG_LEVEL: 'silent' };
    const r = await runCli(['discord', 'register-commands', '--guild', '99'], { env });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(discord.registrations.map((x) => x.path)).toEqual(['/api/v10/applications/4242/guilds/99/commands']);
    expect(discord.registrations[0]!.authorization).toBe(`Bot ${discord.botToken}`);
  });
});

describe('the Discord gateway in-process', () => {
  const msw = useMsw({ loopback: true }); // the fake gateway's WebSocket is on loopback; anything else fails

  it('finds the gateway (GET /gateway/bot) and answers an interaction through the msw fake', async () => {
    const [discord, gateway] = [new FakeDiscord(), await new FakeDiscordGateway().start()];
    discord.gatewayUrl = gateway.url;
    discord.botToken = gateway.botToken;
    msw.use(discord);
    const gw = await startDiscordGateway({
      token: gateway.botToken,
      apiUrl: discord.apiUrl, // https://discord.com/api: answered in-process
      answer: async (_i, respond) => {
        await respond({ type: 4, data: { content: 'pong' } });
        return true;
      },
      logger: silentLogger,
    });
    try {
      const i = JSON.parse(interaction('help')) as { id: string; token: string };
      gateway.dispatchInteraction(i);
      await until('the callback', () => discord.interactionReplies.length > 0);
      expect(discord.interactionReplies[0]).toMatchObject({
        method: 'POST',
        path: `/api/v10/interactions/${i.id}/${i.token}/callback`,
        body: { type: 4, data: { content: 'pong' } },
      });
    } finally {
      await gw.stop();
      await gateway.close();
    }
  });
});
