/**
 * Slack: Bolt handles /releases (signature and 5-minute window verified by Bolt's HTTP receiver, or Socket
 * Mode when SLACK_APP_TOKEN is set). It acknowledges at once and answers through response_url.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { slackLogger } from '../slack-logger.js';
import { parseCommandText, type CommandContext } from '../chat/commands.js';
import { handleCommand, type ChatDeps } from '../chat/handler.js';
import type { ReplayGuard } from './replay.js';

export interface SlackOptions {
  signingSecret: string;
  botToken: string;
  appToken?: string;
  apiUrl?: string;
  chat: ChatDeps;
  context: CommandContext;
  replay: ReplayGuard;
  logger: Logger;
}

export interface SlackApp {
  /** The HTTP route, or null in Socket Mode. */
  route: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null;
  stop(): Promise<void>;
}

export async function createSlackApp(o: SlackOptions): Promise<SlackApp> {
  const { App, HTTPReceiver, HTTPModuleFunctions, LogLevel, SocketModeReceiver } = await import('@slack/bolt');
  const common = {
    token: o.botToken,
    tokenVerificationEnabled: false, // no auth.test call at start
    botId: 'B0RELEASERADAR',
    botUserId: 'U0RELEASERADAR',
    logLevel: LogLevel.ERROR,
    clientOptions: o.apiUrl ? { slackApiUrl: o.apiUrl } : {},
  };
  const receiver = o.appToken ? null : new HTTPReceiver({ signingSecret: o.signingSecret, endpoints: '/slack/events', processBeforeResponse: false });
  // Socket Mode opens its WebSocket with apps.connections.open, which must honour SLACK_API_URL too.
  const socket = o.appToken
    ? new SocketModeReceiver({ appToken: o.appToken, logger: slackLogger(o.logger), installerOptions: { clientOptions: common.clientOptions } })
    : null;
  const app = new App({ ...common, receiver: (socket ?? receiver)! });

  app.command(/.*/, async ({ command, ack, respond }) => {
    const cmd = parseCommandText(command.text ?? '', o.context);
    await ack(); // within 3 s, always: the answer goes to response_url
    try {
      const reply = await handleCommand(o.chat, { platform: 'slack', channelId: command.channel_id, userId: command.user_id, command: cmd });
      for (const p of reply.payloads) {
        await respond({ response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', ...(p as { text: string }) });
      }
    } catch (e) {
      o.logger.error({ err: (e as Error).message }, 'Slack command failed');
      await respond({ response_type: 'ephemeral', text: 'Sorry, that failed. Try again in a minute.' }).catch(() => {});
    }
  });
  app.error(async (e) => {
    o.logger.error({ err: e.message }, 'Slack app error');
  });

  if (o.appToken) {
    await app.start();
    return { route: null, stop: async () => void (await app.stop()) };
  }
  return {
    route: async (req, res) => {
      try {
        // Verify first (signature, 5-minute window), so that only genuine requests enter the replay guard.
        await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ signingSecret: o.signingSecret }, req, res);
      } catch {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request signature');
        return;
      }
      if (o.replay.check(`slack:${String(req.headers['x-slack-signature'])}`)) {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('replayed request');
        return;
      }
      receiver!.requestListener(req, res);
    },
    stop: async () => {},
  };
}
