/**
 * Every destination platform's config part (src/platforms/<name>/schema.ts): the destination schemas the
 * config's `destinations` admit, and the shapes their secrets take. Light (zod only), unlike the registry's
 * platform objects: loading the config and every command's redactor read this before any platform loads. A
 * new platform adds its schema module here and its object to the registry.
 */
import type { SecretPattern } from '../domain/redact.js';
import * as discordChannel from './discord-channel/schema.js';
import * as discord from './discord/schema.js';
import * as slackWebhook from './slack-webhook/schema.js';
import * as slack from './slack/schema.js';
import * as teams from './teams/schema.js';
import * as webhook from './webhook/schema.js';

export const DESTINATION_SCHEMAS = [
  slack.SlackDestinationSchema,
  slackWebhook.SlackWebhookDestinationSchema,
  discord.DiscordDestinationSchema,
  discordChannel.DiscordChannelDestinationSchema,
  teams.TeamsDestinationSchema,
  webhook.WebhookDestinationSchema,
] as const;

/** Every platform's secret shapes, for a redactor built before any platform is loaded. */
export const ALL_SECRET_SHAPES: readonly SecretPattern[] = [slack, slackWebhook, discord, teams, webhook].flatMap(
  (p) => p.secretShapes,
);
