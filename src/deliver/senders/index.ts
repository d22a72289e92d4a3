/** Picks the adapter for a destination's type (a lookup, so an unknown type is a clear error). */
import { addSecrets } from '../../domain/redact.js';
import type { Logger } from 'pino';
import type { Destination } from '../../config/schema.js';
import { createDiscordChannelSender } from './discord-channel.js';
import { createDiscordSender } from './discord.js';
import { createSlackWebhookSender } from './slack-webhook.js';
import { createSlackSender } from './slack.js';
import { DEFAULT_RETRY, type RetryPolicy, type Sender } from './types.js';

export interface SenderEnv {
  slackApiUrl?: string;
  discordApiUrl?: string;
  retry?: RetryPolicy;
  logger: Logger;
}

export function senderFactory(env: SenderEnv): (d: Destination) => Promise<Sender> {
  const retry = env.retry ?? DEFAULT_RETRY;
  return async (d) => {
    const logger = env.logger.child({ destination: d.name });
    // A destination's credentials are secrets wherever an error might quote them.
    addSecrets([(d as { token?: string }).token, (d as { webhook_url?: string }).webhook_url]);
    switch (d.type) {
      case 'slack':
        return createSlackSender({ token: d.token, apiUrl: env.slackApiUrl, retry, logger });
      case 'slack-webhook':
        return createSlackWebhookSender({ url: d.webhook_url, apiUrl: env.slackApiUrl, retry });
      case 'discord':
        return createDiscordSender({
          webhookUrl: d.webhook_url,
          forum: d.forum,
          apiUrl: env.discordApiUrl,
          retry,
          logger,
        });
      case 'discord-channel':
        return createDiscordChannelSender({
          channelId: d.channel_id,
          token: d.token,
          apiUrl: env.discordApiUrl,
          retry,
          logger,
        });
    }
  };
}
