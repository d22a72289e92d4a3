/**
 * POST /discord/interactions: verify, answer PING, defer commands at once (type 5) and send the answer as
 * an edit of the deferred reply plus follow-ups; autocomplete the version option from the store.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import { parseCommandText, type CommandContext } from '../chat/commands.js';
import { newestFirst } from '../domain/release-view.js';
import { handleCommand, type ChatDeps } from '../chat/handler.js';
import { discordRest } from '../platforms/discord/sender.js';
import { checkInteraction, type Interaction } from './discord-interaction-schema.js';
import { verifyDiscordRequest } from './discord-verify.js';
import { BodyTooLargeError, freshTimestamp, logRefused, readBody, sendJson, sendTooLarge } from './http-util.js';
import type { ReplayGuard } from './replay.js';
import type { WorkQueue } from './work-queue.js';

export type { Interaction };

export interface DiscordRouteOptions {
  publicKey: KeyObject;
  applicationId: string;
  apiUrl?: string;
  chat: ChatDeps;
  context: CommandContext;
  replay: ReplayGuard;
  work: WorkQueue;
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

export function discordInteractionsRoute(o: DiscordRouteOptions) {
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
    if (o.replay.check(`discord:${Buffer.from(sig!, 'hex').toString('base64')}`)) return refuse('replay');
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

/** The first answer to an interaction: the HTTP response, or the callback route for gateway interactions. */
export type InteractionResponder = (response: Record<string, unknown>) => void | Promise<void>;

/**
 * Answers an autocomplete or slash command interaction, however it arrived (HTTP or gateway): autocomplete at
 * once; a command is deferred at once (Discord wants an answer within 3 s) and the real answer follows through
 * the interaction's webhook. False for an interaction type it does not answer.
 */
export function discordInteractionAnswerer(o: Omit<DiscordRouteOptions, 'publicKey' | 'replay' | 'applicationId'>) {
  const restPromise = Promise.all([import('@discordjs/rest'), import('discord-api-types/v10')]).then(
    ([{ REST }, { Routes }]) => ({ rest: new REST({ ...discordRest(o.apiUrl), retries: 2 }), Routes }),
  );
  return async (i: Interaction, respond: InteractionResponder): Promise<boolean> => {
    if (i.type === InteractionType.ApplicationCommandAutocomplete) {
      await respond({
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: await autocomplete(o, i) },
      });
      return true;
    }
    if (i.type !== InteractionType.ApplicationCommand || !i.data) return false;

    const command = parseCommandText(interactionText(i.data), o.context);
    const ephemeral =
      !('public' in command && command.public) && command.kind !== 'subscribe' && command.kind !== 'unsubscribe';
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
    o.work.add(async () => {
      const { rest, Routes } = await restPromise;
      try {
        const reply = await handleCommand(o.chat, {
          platform: 'discord',
          channelId: i.channel_id ?? i.channel?.id ?? '',
          userId: i.member?.user.id ?? i.user?.id ?? '',
          command,
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

async function autocomplete(
  o: Pick<DiscordRouteOptions, 'chat' | 'context'>,
  i: Interaction,
): Promise<{ name: string; value: string }[]> {
  const sub = i.data?.options?.[0];
  const focused = sub?.options?.find((x) => x.focused);
  if (!focused || focused.name !== 'version') return [];
  const repoText = String(sub?.options?.find((x) => x.name === 'repo')?.value ?? '');
  const repo = parseCommandText(repoText, o.context);
  if (repo.kind !== 'query') return [];
  const typed = String(focused.value ?? '').toLowerCase();
  const tags = (await o.chat.store.releases(repo.repo))
    .filter((r) => !r.deleted && r.tag.toLowerCase().includes(typed))
    .sort(newestFirst)
    .map((r) => r.tag);
  return ['latest-rc', ...tags]
    .filter((t) => t.includes(typed))
    .slice(0, 25)
    .map((t) => ({ name: t, value: t }));
}
