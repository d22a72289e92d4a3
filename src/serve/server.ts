/**
 * `release-radar serve`: one HTTP server with /slack/events (Bolt), /discord/interactions and /healthz.
 * Each platform is on when its secrets are set.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ChatDeps } from '../chat/handler.js';
import { contextFromConfig } from '../chat/commands.js';
import { startDiscordGateway, type DiscordGateway } from './discord-gateway.js';
import { discordInteractionAnswerer, discordInteractionsRoute } from './discord-interactions.js';
import { discordPublicKey } from './discord-verify.js';
import { sendJson } from './http-util.js';
import { ReplayGuard } from './replay.js';
import { DEFAULT_DISCORD_API } from '../deliver/senders/discord.js';
import { createSlackApp, type SlackApp } from './slack-route.js';

export interface ServeOptions {
  port: number;
  host: string;
  env: NodeJS.ProcessEnv;
  chat: ChatDeps;
  logger: Logger;
  /** More for /healthz (serve's store check and scheduler); default: the store's dialect. */
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
  const { env, chat, logger } = o;
  const context = contextFromConfig(chat.config.repos, Object.keys(chat.config.resolvedCategories));
  const replay = new ReplayGuard();

  let slack: SlackApp | null = null;
  if (env.SLACK_SIGNING_SECRET && env.SLACK_BOT_TOKEN) {
    slack = await createSlackApp({
      signingSecret: env.SLACK_SIGNING_SECRET,
      botToken: env.SLACK_BOT_TOKEN,
      appToken: env.SLACK_APP_TOKEN || undefined,
      apiUrl: env.SLACK_API_URL,
      chat,
      context,
      replay,
      logger: logger.child({ platform: 'slack' }),
    });
  }
  const discord =
    env.DISCORD_PUBLIC_KEY && env.DISCORD_APPLICATION_ID
      ? discordInteractionsRoute({
          publicKey: discordPublicKey(env.DISCORD_PUBLIC_KEY),
          applicationId: env.DISCORD_APPLICATION_ID,
          apiUrl: env.DISCORD_API_URL,
          chat,
          context,
          replay,
          logger: logger.child({ platform: 'discord' }),
        })
      : null;
  const slackMode: RunningServer['slack'] = !slack ? 'off' : slack.route ? 'http' : 'socket';
  // The gateway when asked for, or when there is a bot token and no public key to verify HTTP interactions.
  let gateway: DiscordGateway | null = null;
  if (env.DISCORD_BOT_TOKEN && (chat.config.chat.discord_gateway ?? !env.DISCORD_PUBLIC_KEY)) {
    const log = logger.child({ platform: 'discord', transport: 'gateway' });
    gateway = await startDiscordGateway({
      token: env.DISCORD_BOT_TOKEN,
      apiUrl: (env.DISCORD_API_URL ?? DEFAULT_DISCORD_API).replace(/\/+$/, ''),
      answer: discordInteractionAnswerer({ apiUrl: env.DISCORD_API_URL, chat, context, logger: log }),
      logger: log,
    });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handle = async () => {
      if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        const more = o.health ? await o.health() : { store: chat.store.dialect };
        const ok = typeof more.store !== 'object' || (more.store as { ok: boolean }).ok;
        return sendJson(res, ok ? 200 : 503, { ok, slack: slackMode, discord: !!discord || !!gateway, discord_transport: gateway ? 'gateway' : discord ? 'http' : 'off', ...more });
      }
      if (path === '/slack/events' && req.method === 'POST' && slack?.route) return slack.route(req, res);
      if (path === '/discord/interactions' && req.method === 'POST' && discord) return discord(req, res);
      sendJson(res, 404, { error: 'not found' });
    };
    handle().catch((e) => {
      logger.error({ err: (e as Error).message, path }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    });
  });
  server.keepAliveTimeout = 5000;
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
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
