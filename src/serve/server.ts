/**
 * `release-radar serve`: one HTTP server with /slack/events (Bolt), /discord/interactions and /healthz.
 * Each platform is on when its secrets are set.
 */
import { CHAT_SURFACES } from '../platforms/chat-surfaces.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ChatDeps } from '../chat/handler.js';
import { contextFromConfig } from '../chat/commands.js';
import { notesReply } from '../chat/replies.js';
import { parseAndClassify } from '../notes.js';
import { startDiscordGateway, type DiscordGateway } from './discord-gateway.js';
import { discordInteractionAnswerer, discordInteractionsRoute } from './discord-interactions.js';
import { discordPublicKey } from './discord-verify.js';
import { limitConnections } from './connection-limits.js';
import { BODY_LIMIT, logRefused, sendJson, sendTooLarge } from './http-util.js';
import { ReplayGuard } from './replay.js';
import { createSlackApp, type SlackApp } from './slack-route.js';
import { WorkQueue } from './work-queue.js';

/** Limits against slow, idle and too many sockets (docs/security.md). */
export interface ServerLimits {
  /** A request's headers must arrive within this (slowloris). */
  headersTimeoutMs: number;
  /** A whole request must arrive within this. */
  requestTimeoutMs: number;
  /** Connections beyond this are refused (but for `healthReserve` more, which may only ask /healthz). */
  maxConnections: number;
  /** Connections one client address may hold; more are closed at once. */
  maxConnectionsPerAddress: number;
  /** Connections past `maxConnections` kept for /healthz. */
  healthReserve: number;
  /** How often Node checks the two timeouts above. */
  checkIntervalMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  maxConnections: 256,
  maxConnectionsPerAddress: 64,
  healthReserve: 8,
  checkIntervalMs: 1000,
};

/** Slack is on with a signing secret and a bot token; Socket Mode with an app token too. */
export interface SlackSettings {
  signingSecret: string;
  botToken: string;
  appToken?: string;
  apiUrl?: string;
}

/** Discord is on with the application's public key (hex) and id. */
export interface DiscordSettings {
  publicKey: string;
  applicationId: string;
  apiUrl?: string;
}

export interface ServeOptions {
  port: number;
  host: string;
  slack?: SlackSettings;
  discord?: DiscordSettings;
  chat: ChatDeps;
  logger: Logger;
  limits?: Partial<ServerLimits>;
  /** Discord interactions over the bot's gateway connection (no public URL needed). */
  discordGateway?: { token: string; apiUrl: string };
  /** More for /healthz: the always-on bot's scheduler. */
  health?: () => Promise<Record<string, unknown>>;
}

export interface RunningServer {
  url: string;
  server: Server;
  slack: 'http' | 'socket' | 'off';
  discord: boolean;
  /** Interactions over the gateway (discord.js Client) rather than /discord/interactions. */
  discordGateway: boolean;
  close(): Promise<void>;
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const { chat, logger } = o;
  const context = contextFromConfig(chat.config.repos, Object.keys(chat.config.resolvedCategories), {
    allowUntracked: chat.config.chat.allow_untracked,
  });
  const replay = new ReplayGuard();
  const work = new WorkQueue(logger);
  const limits = { ...DEFAULT_LIMITS, ...o.limits };

  let slack: SlackApp | null = null;
  if (o.slack) {
    slack = await createSlackApp({
      ...o.slack,
      chat,
      context,
      replay,
      work,
      logger,
    });
  }
  const discord = o.discord
    ? discordInteractionsRoute({
        publicKey: discordPublicKey(o.discord.publicKey),
        applicationId: o.discord.applicationId,
        apiUrl: o.discord.apiUrl,
        chat,
        context,
        replay,
        work,
        logger,
      })
    : null;
  const slackMode: RunningServer['slack'] = !slack ? 'off' : slack.route ? 'http' : 'socket';
  let gateway: DiscordGateway | null = null;
  if (o.discordGateway) {
    const log = logger.child({ platform: 'discord', transport: 'gateway' });
    gateway = await startDiscordGateway({
      token: o.discordGateway.token,
      apiUrl: o.discordGateway.apiUrl.replace(/\/+$/, ''),
      answer: discordInteractionAnswerer({ apiUrl: o.discordGateway.apiUrl, chat, context, work, logger: log }),
      logger: log,
    });
  }

  let admit: ReturnType<typeof limitConnections> = () => true;
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    (req, res) => {
      if (!admit(req, res)) return;
      const path = (req.url ?? '/').split('?')[0];
      // Announced bodies over the limit are refused before any of them is read (streamed ones while reading).
      if (Number(req.headers['content-length']) > BODY_LIMIT) {
        logRefused(logger, req, 'too large');
        return sendTooLarge(res);
      }
      const handle = async () => {
        if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
          // The store may be down (a dropped PostgreSQL): say so, and keep serving what does not need it.
          const storeUp = await chat.store.ping();
          return sendJson(res, storeUp ? 200 : 503, {
            ok: storeUp,
            slack: slackMode,
            discord: !!discord || !!gateway,
            discord_transport: gateway ? 'gateway' : discord ? 'http' : 'off',
            store: chat.store.dialect,
            store_up: storeUp,
            // The always-on bot's last and next poll and digest.
            ...(o.health ? await o.health() : {}),
          });
        }
        if (path === '/slack/events' && req.method === 'POST' && slack?.route) return slack.route(req, res);
        if (path === '/discord/interactions' && req.method === 'POST' && discord) return discord(req, res);
        sendJson(res, 404, { error: 'not found' });
      };
      handle().catch((e) => {
        logger.error({ err: (e as Error).message, path }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      });
    },
  );
  server.keepAliveTimeout = 5000;
  admit = limitConnections(
    server,
    {
      maxConnections: limits.maxConnections,
      perAddress: limits.maxConnectionsPerAddress,
      healthReserve: limits.healthReserve,
    },
    logger,
  );
  // Warm what the first answers would otherwise pay for (templates, classifier, the Slack client).
  await warmUp(chat, logger);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;
  logger.info({ url, slack: slackMode, discord: !!discord }, 'serving');
  return {
    url,
    server,
    slack: slackMode,
    discord: !!discord,
    discordGateway: !!gateway,
    close: async () => {
      await Promise.all([slack?.stop(), gateway?.stop()]);
      await work.onIdle();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Parses, classifies and renders one small answer, so that template parsing happens before the first request. */
async function warmUp(chat: ChatDeps, logger: Logger): Promise<void> {
  const started = Date.now();
  try {
    const categories = Object.keys(chat.config.resolvedCategories);
    const items = parseAndClassify(
      '# Warm-up\n\n## Distributed\n\n- Warm up `torch.distributed` on Windows (#1)\n',
      'warm/up',
      chat.classifier,
    );
    const notes = {
      repo: 'warm/up',
      tag: 'v0',
      name: null,
      url: null,
      prerelease: false,
      publishedAt: null,
      items,
    };
    for (const surface of CHAT_SURFACES) notesReply(chat.renderer, surface, notes, categories);
  } catch (e) {
    logger.debug({ err: (e as Error).message }, 'warm-up skipped');
  }
  logger.debug({ ms: Date.now() - started }, 'warmed up');
}
