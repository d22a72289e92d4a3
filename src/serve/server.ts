/**
 * `release-radar serve`: one HTTP server with /slack/events (Bolt), /discord/interactions and /healthz.
 * Each platform is on when its secrets are set.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ChatDeps } from '../chat/handler.js';
import { contextFromConfig } from '../chat/commands.js';
import { discordInteractionsRoute } from './discord-interactions.js';
import { discordPublicKey } from './discord-verify.js';
import { sendJson } from './http-util.js';
import { ReplayGuard } from './replay.js';
import { createSlackApp, type SlackApp } from './slack-route.js';

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
}

export interface RunningServer {
  url: string;
  server: Server;
  slack: 'http' | 'socket' | 'off';
  discord: boolean;
  close(): Promise<void>;
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const { chat, logger } = o;
  const context = contextFromConfig(chat.config.repos, Object.keys(chat.config.resolvedCategories));
  const replay = new ReplayGuard();

  let slack: SlackApp | null = null;
  if (o.slack) {
    slack = await createSlackApp({
      ...o.slack,
      chat,
      context,
      replay,
      logger: logger.child({ platform: 'slack' }),
    });
  }
  const discord =
    o.discord
      ? discordInteractionsRoute({
          publicKey: discordPublicKey(o.discord.publicKey),
          applicationId: o.discord.applicationId,
          apiUrl: o.discord.apiUrl,
          chat,
          context,
          replay,
          logger: logger.child({ platform: 'discord' }),
        })
      : null;
  const slackMode: RunningServer['slack'] = !slack ? 'off' : slack.route ? 'http' : 'socket';

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handle = async () => {
      if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        return sendJson(res, 200, { ok: true, slack: slackMode, discord: !!discord, store: chat.store.dialect });
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
    close: async () => {
      await slack?.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
