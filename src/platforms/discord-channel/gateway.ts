/**
 * Discord without a public URL: the bot's gateway connection receives the `/releases` interactions as
 * INTERACTION_CREATE (no privileged intents needed), answered through the same answerer as the HTTP endpoint;
 * the first answer goes to the interaction callback route. Used when the application has no Interactions
 * Endpoint URL (Discord sends interactions to one or the other).
 *
 * The connection is @discordjs/ws's WebSocketManager (what discord.js's Client runs on), without the Client:
 * the Client builds objects from every dispatch and throws, out of our reach, on a payload it does not expect
 * (an interaction without `entitlements`, or with `data: null`), which ended the process. Here each raw
 * dispatch is checked (./interaction-schema.ts) before anything is built from it.
 */
import type { Logger } from 'pino';
import { discordRest } from '../discord/sender.js';
import { checkInteraction, type Interaction, type InteractionResponder } from './interaction-schema.js';

export interface DiscordGatewayOptions {
  token: string;
  /** REST base (DISCORD_API_URL); the gateway URL comes from its GET /gateway/bot, as on Discord. */
  apiUrl: string;
  answer: (i: Interaction, respond: InteractionResponder) => Promise<boolean>;
  logger: Logger;
}

export interface DiscordGateway {
  stop(): Promise<void>;
}

export async function startDiscordGateway(o: DiscordGatewayOptions): Promise<DiscordGateway> {
  const [{ WebSocketManager, WebSocketShardEvents }, { REST }, { GatewayDispatchEvents, Routes }] = await Promise.all([
    import('@discordjs/ws'),
    import('@discordjs/rest'),
    import('discord-api-types/v10'),
  ]);
  // REST (GET /gateway/bot, interaction callbacks) through the global fetch, like every other Discord call.
  const rest = new REST({ ...discordRest(o.apiUrl), retries: 2 }).setToken(o.token);
  const manager = new WebSocketManager({ token: o.token, intents: 0, rest });
  let applicationId: string | undefined;
  manager.on(WebSocketShardEvents.Error, ({ error }) =>
    o.logger.error({ err: error.message }, 'Discord gateway error'),
  );
  manager.on(WebSocketShardEvents.Ready, ({ data }) => {
    applicationId = data.application.id;
    o.logger.info({ user: data.user.username }, 'connected to the Discord gateway');
  });
  manager.on(WebSocketShardEvents.Dispatch, ({ data }) => {
    if (data.t !== GatewayDispatchEvents.InteractionCreate) return;
    // Untrusted until checked: its id, token and application id go into REST paths.
    const checked = checkInteraction(data.d as unknown, applicationId);
    if (!checked.ok) {
      o.logger.warn({ refused: 'malformed', platform: 'discord', why: checked.why }, 'gateway interaction refused');
      return;
    }
    const i = checked.interaction;
    const respond: InteractionResponder = async (body) => {
      await rest.post(Routes.interactionCallback(i.id, i.token), { body, auth: false });
    };
    o.answer(i, respond).catch((e: Error) => o.logger.error({ err: e.message }, 'Discord interaction failed'));
  });
  await manager.connect(); // resolves once the gateway said READY
  return { stop: async () => void (await manager.destroy()) };
}
