/** Signs requests the way Slack and Discord do, for tests of `serve`. */
import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { ApplicationCommandOptionType, InteractionType } from 'discord-api-types/v10';

export const SLACK_SECRET = 'slack-signing-secret-for-tests';

export function slackHeaders(body: string, opts: { ts?: number; secret?: string } = {}): Record<string, string> {
  const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const sig = `v0=${createHmac('sha256', opts.secret ?? SLACK_SECRET)
    .update(`v0:${ts}:${body}`)
    .digest('hex')}`;
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': ts,
    'x-slack-signature': sig,
  };
}

export function slashBody(text: string, opts: { channel?: string; user?: string; responseUrl: string }): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    team_domain: 'acme',
    channel_id: opts.channel ?? 'CINFRA',
    channel_name: 'ml-infra',
    user_id: opts.user ?? 'U1',
    user_name: 'ada',
    command: '/releases',
    text,
    api_app_id: 'A1',
    response_url: opts.responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

export interface DiscordKeys {
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function discordKeys(): DiscordKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKeyHex: der.subarray(der.length - 32).toString('hex'), privateKey };
}

export function discordHeaders(
  keys: DiscordKeys,
  body: string,
  ts = String(Math.floor(Date.now() / 1000)),
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-signature-timestamp': ts,
    'x-signature-ed25519': sign(null, Buffer.from(ts + body), keys.privateKey).toString('hex'),
  };
}

export function interaction(
  sub: string,
  options: Record<string, string | boolean> = {},
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    type: InteractionType.ApplicationCommand,
    id: '9001',
    application_id: '4242',
    token: `itoken-${Math.random().toString(36).slice(2)}`,
    channel_id: '777',
    member: { user: { id: '55' } },
    data: {
      name: 'releases',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: sub,
          options: Object.entries(options).map(([name, value]) => ({
            name,
            value,
            type:
              typeof value === 'boolean' ? ApplicationCommandOptionType.Boolean : ApplicationCommandOptionType.String,
          })),
        },
      ],
    },
    ...extra,
  });
}
