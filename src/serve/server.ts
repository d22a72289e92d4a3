/**
 * `release-radar serve`: one HTTP server with /healthz and the routes of each chat surface that has its
 * settings (Slack's /slack/events, Discord's /discord/interactions; or none, for Socket Mode and the gateway).
 * The surfaces are src/platforms/chat-receivers.ts's; serve knows none of them by name.
 */
import { CHAT_RECEIVERS } from '../platforms/chat-receivers.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ChatDeps } from '../chat/handler.js';
import { chatHost } from '../chat/host.js';
import { contextFromConfig } from '../chat/commands.js';
import { notesReply } from '../chat/replies.js';
import { parseAndClassify } from '../notes.js';
import { BODY_LIMIT, logRefused, sendJson, sendTooLarge } from '../platforms/chat-http.js';
import type { ChatReceiving, ChatReception, ChatRoute, ChatSurface } from '../platforms/types.js';
import { limitConnections } from './connection-limits.js';
import { ReplayGuard } from './replay.js';
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

export interface ServeOptions {
  port: number;
  host: string;
  /**
   * Each chat surface's settings, by its name (`slack`: SlackSettings, `discord`: DiscordSettings, in their
   * folders' receiver.ts); a surface without settings is off.
   */
  chatSettings?: Partial<Record<string, unknown>>;
  /** How the chat surfaces are received (release-radar's own, src/platforms/chat-receivers.ts, unless a test brings its own). */
  receivers?: readonly ChatReceiving[];
  chat: ChatDeps;
  logger: Logger;
  limits?: Partial<ServerLimits>;
  /** More for /healthz: the always-on bot's scheduler. */
  health?: () => Promise<Record<string, unknown>>;
}

export interface RunningServer {
  url: string;
  server: Server;
  /** How each chat surface receives commands, by name (`http`, `socket`, `gateway`, `on`; `off`). */
  chat: Record<string, string>;
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

  const receivers = o.receivers ?? CHAT_RECEIVERS;
  const surfaces = receivers.map((r) => r.surface);
  const receptions: ChatReception[] = [];
  const status: Record<string, string> = {};
  let chatHealth: Record<string, unknown> = {};
  for (const { surface, offHealth, load } of receivers) {
    const settings = o.chatSettings?.[surface.name];
    if (settings === undefined) {
      status[surface.name] = 'off';
      chatHealth = { ...chatHealth, ...offHealth };
      continue;
    }
    const receive = await load();
    const host = chatHost(chat, surface, context, {
      replayed: (key) => replay.check(key),
      later: (job) => work.add(job),
      logger,
    });
    const r = await receive(settings, host);
    receptions.push(r);
    status[surface.name] = r.status;
    chatHealth = { ...chatHealth, ...r.health };
  }
  const routes = new Map<string, ChatRoute>(
    receptions.flatMap((r) => r.routes.map((route) => [`${route.method} ${route.path}`, route] as const)),
  );

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
            ...chatHealth,
            store: chat.store.dialect,
            store_up: storeUp,
            // The always-on bot's last and next poll and digest.
            ...(o.health ? await o.health() : {}),
          });
        }
        const route = routes.get(`${req.method} ${path}`);
        if (route) return route.handle(req, res);
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
  await warmUp(chat, surfaces, logger);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;
  logger.info({ url, ...status }, 'serving');
  return {
    url,
    server,
    chat: status,
    close: async () => {
      await Promise.all(receptions.map((r) => r.stop()));
      await work.onIdle();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Parses, classifies and renders one small answer, so that template parsing happens before the first request. */
async function warmUp(chat: ChatDeps, surfaces: readonly ChatSurface[], logger: Logger): Promise<void> {
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
    for (const surface of surfaces) notesReply(chat.renderer, surface, notes, categories);
  } catch (e) {
    logger.debug({ err: (e as Error).message }, 'warm-up skipped');
  }
  logger.debug({ ms: Date.now() - started }, 'warmed up');
}
