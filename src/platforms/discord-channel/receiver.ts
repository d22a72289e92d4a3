/**
 * Discord's `/releases`: POST /discord/interactions (verify, answer PING, defer commands at once (type 5) and
 * send the answer as an edit of the deferred reply plus follow-ups; autocomplete the version option from the
 * store), and the same interactions over the bot's gateway connection when there is no public URL.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import { discordRest } from '../discord/sender.js';
import { BodyTooLargeError, freshTimestamp, logRefused, readBody, sendJson, sendTooLarge } from '../chat-http.js';
import type { ChatHost, ChatReceiver, ChatRoute } from '../types.js';
import { startDiscordGateway, type DiscordGateway } from './gateway.js';
import { checkInteraction, type Interaction, type InteractionResponder } from './interaction-schema.js';
import { discordPublicKey, verifyDiscordRequest } from './verify.js';

export type { Interaction };

/**
 * Discord is on over HTTP with the application's public key (hex) and id, over the gateway with the bot's
 * token (Discord sends interactions to one or the other; the CLI picks).
 */
export interface DiscordSettings {
  publicKey?: string;
  applicationId?: string;
  apiUrl?: string;
  gateway?: { token: string; apiUrl: string };
}

export const receiveDiscord: ChatReceiver = async (settings, host) => {
  const s = settings as DiscordSettings;
  const routes: ChatRoute[] = [];
  if (s.publicKey && s.applicationId)
    routes.push({
      method: 'POST',
      path: '/discord/interactions',
      handle: discordInteractionsRoute({
        publicKey: discordPublicKey(s.publicKey),
        applicationId: s.applicationId,
        apiUrl: s.apiUrl,
        host,
        logger: host.logger,
      }),
    });
  let gateway: DiscordGateway | null = null;
  if (s.gateway) {
    const log = host.logger.child({ platform: 'discord', transport: 'gateway' });
    gateway = await startDiscordGateway({
      token: s.gateway.token,
      apiUrl: s.gateway.apiUrl.replace(/\/+$/, ''),
      answer: discordInteractionAnswerer({ apiUrl: s.gateway.apiUrl, host, logger: log }),
      logger: log,
    });
  }
  const transport = gateway ? 'gateway' : routes.length ? 'http' : 'off';
  return {
    routes,
    health: { discord: transport !== 'off', discord_transport: transport },
    status: transport === 'http' ? 'on' : transport,
    stop: async () => void (await gateway?.stop()),
  };
};

export interface DiscordRouteOptions {
  publicKey: KeyObject;
  applicationId: string;
  apiUrl?: string;
  host: ChatHost;
  logger: Logger;
}

/** The slash command's options as the text a Slack user would type, so both go through one parser. */
export function interactionText(data: NonNullable<Interaction['data']>): string {
  const sub = data.options?.[0];
  if (!sub) return 'help';
  const opt = (n: string) => sub.options?.find((o) => o.name === n)?.value;
  const flag = (n: string, f: string) => (opt(n) === true ? f : '');
  switch (sub.name) {
    case 'show':
      return [opt('repo'), opt('category'), opt('version'), flag('public', '--public')].filter(Boolean).join(' ');
    case 'category':
      return [opt('name'), flag('public', '--public')].filter(Boolean).join(' ');
    case 'subscribe':
    case 'unsubscribe':
      return [
        sub.name,
        opt('repo'),
        String(opt('categories') ?? '').replace(/,/g, ' '),
        flag('prereleases', '--prereleases'),
        flag('breaking_only', '--breaking-only'),
        opt('tags') ? `--tags=${String(opt('tags')).replace(/\s+/g, '')}` : '',
        opt('changes') ? `--changes=${String(opt('changes')).replace(/[\s,]+/g, ',')}` : '',
      ]
        .filter(Boolean)
        .join(' ');
    default:
      return sub.name; // list, help
  }
}

function discordInteractionsRoute(o: DiscordRouteOptions) {
  const answer = discordInteractionAnswerer(o);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (e) {
      if (!(e instanceof BodyTooLargeError)) throw e;
      logRefused(o.logger, req, 'too large', 'discord');
      return sendTooLarge(res);
    }
    const sig = req.headers['x-signature-ed25519'] as string | undefined;
    const ts = req.headers['x-signature-timestamp'] as string | undefined;
    const refuse = (reason: 'stale' | 'bad signature' | 'replay') => {
      logRefused(o.logger, req, reason, 'discord');
      res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request signature');
    };
    if (!freshTimestamp(ts)) return refuse('stale');
    if (!verifyDiscordRequest(o.publicKey, sig, ts, body)) return refuse('bad signature');
    // Keyed on the signature's bytes: the same signature in upper-case hex is the same request.
    if (o.host.replayed(`discord:${Buffer.from(sig!, 'hex').toString('base64')}`)) return refuse('replay');
    let raw: unknown;
    try {
      raw = JSON.parse(body.toString('utf8'));
    } catch {
      sendJson(res, 400, { error: 'invalid JSON' });
      return;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return sendJson(res, 400, { error: 'an interaction is a JSON object' });
    if ((raw as { type?: unknown }).type === InteractionType.Ping)
      return sendJson(res, 200, { type: InteractionResponseType.Pong });
    // Its id, token and application id go into REST paths: each must have Discord's shape.
    const checked = checkInteraction(raw, o.applicationId);
    if (!checked.ok) {
      logRefused(o.logger, req, 'malformed', 'discord');
      return sendJson(res, 400, { error: `malformed interaction (${checked.why})` });
    }
    const answered = await answer(checked.interaction, (reply) => sendJson(res, 200, reply));
    if (!answered) sendJson(res, 400, { error: 'unsupported interaction type' });
  };
}

/**
 * Answers an autocomplete or slash command interaction, however it arrived (HTTP or gateway): autocomplete at
 * once; a command is deferred at once (Discord wants an answer within 3 s) and the real answer follows through
 * the interaction's webhook. False for an interaction type it does not answer.
 */
function discordInteractionAnswerer(o: Pick<DiscordRouteOptions, 'apiUrl' | 'host' | 'logger'>) {
  const restPromise = Promise.all([import('@discordjs/rest'), import('discord-api-types/v10')]).then(
    ([{ REST }, { Routes }]) => ({ rest: new REST({ ...discordRest(o.apiUrl), retries: 2 }), Routes }),
  );
  return async (i: Interaction, respond: InteractionResponder): Promise<boolean> => {
    if (i.type === InteractionType.ApplicationCommandAutocomplete) {
      await respond({
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: await autocomplete(o.host, i) },
      });
      return true;
    }
    if (i.type !== InteractionType.ApplicationCommand || !i.data) return false;

    const command = o.host.parse(interactionText(i.data));
    const { ephemeral } = command;
    // Defer at once (Discord wants an answer within 3 s); the real answer follows through the webhook.
    await respond({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: ephemeral ? { flags: MessageFlags.Ephemeral } : {},
    });
    const started = Date.now();
    const log = o.logger.child({
      platform: 'discord',
      guild: i.guild_id ?? null,
      channel: i.channel_id ?? i.channel?.id ?? null,
      command: command.kind,
    });
    o.host.later(async () => {
      const { rest, Routes } = await restPromise;
      try {
        const reply = await o.host.answer(command, {
          channelId: i.channel_id ?? i.channel?.id ?? '',
          userId: i.member?.user.id ?? i.user?.id ?? '',
        });
        const [first, ...more] = reply.payloads;
        await rest.patch(Routes.webhookMessage(i.application_id, i.token), { body: first, auth: false });
        for (const p of more)
          await rest.post(Routes.webhook(i.application_id, i.token), {
            body: { ...p, ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) },
            auth: false,
          });
        log.info({ outcome: 'answered', latency_ms: Date.now() - started }, 'command handled');
      } catch (e) {
        log.error({ outcome: 'failed', latency_ms: Date.now() - started, err: (e as Error).message }, 'command failed');
        await rest
          .patch(Routes.webhookMessage(i.application_id, i.token), {
            body: { content: 'Sorry, that failed. Try again in a minute.', allowed_mentions: { parse: [] } },
            auth: false,
          })
          .catch(() => {});
      }
    });
    return true;
  };
}

async function autocomplete(host: ChatHost, i: Interaction): Promise<{ name: string; value: string }[]> {
  const sub = i.data?.options?.[0];
  const focused = sub?.options?.find((x) => x.focused);
  if (!focused || focused.name !== 'version') return [];
  const repoText = String(sub?.options?.find((x) => x.name === 'repo')?.value ?? '');
  const typed = String(focused.value ?? '').toLowerCase();
  const tags = (await host.tags(repoText)).filter((t) => t.toLowerCase().includes(typed));
  return ['latest-rc', ...tags]
    .filter((t) => t.includes(typed))
    .slice(0, 25)
    .map((t) => ({ name: t, value: t }));
}
