/**
 * Discord without a public URL: a discord.js Client on the bot's gateway connection receives the `/releases`
 * interactions as INTERACTION_CREATE (no privileged intents needed) and answers them through the same
 * answerer as the HTTP endpoint; the first answer goes to the interaction callback route. Used when the
 * application has no Interactions Endpoint URL (Discord sends interactions to one or the other).
 */
import type { Logger } from 'pino';
import { discordRest } from '../deliver/senders/discord.js';
import type { Interaction, InteractionResponder } from './discord-interactions.js';

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
  const { Client, GatewayDispatchEvents, Routes } = await import('discord.js');
  // REST (GET /gateway/bot, interaction callbacks) through the global fetch, like every other Discord call.
  const client = new Client({ intents: [], rest: discordRest(o.apiUrl) });
  client.on('error', (e) => o.logger.error({ err: e.message }, 'Discord gateway error'));
  // The raw interaction (the same JSON the HTTP endpoint gets), not discord.js's objects: one answerer for both.
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (raw: Interaction) => {
    if (!raw.id) return;
    const respond: InteractionResponder = async (body) => {
      await client.rest.post(Routes.interactionCallback(raw.id!, raw.token), { body, auth: false });
    };
    o.answer(raw, respond).catch((e: Error) => o.logger.error({ err: e.message }, 'Discord interaction failed'));
  });
  await client.login(o.token); // resolves once the gateway said READY
  o.logger.info({ user: client.user?.tag }, 'connected to the Discord gateway');
  return { stop: () => client.destroy() };
}
