/**
 * Slack: Bolt handles /releases (or Socket Mode when SLACK_APP_TOKEN is set). Over HTTP the body is read
 * here first, within the size limit, and checked (timestamp both ways, signature by Bolt's verifier, replay
 * keyed on the verified signature) before Bolt sees it. The command is acknowledged at once; the answer is
 * worked out on the work queue and sent through response_url.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { slackLogger } from '../../slack-logger.js';
import { BodyTooLargeError, BODY_LIMIT, freshTimestamp, logRefused, readBody, sendTooLarge } from '../chat-http.js';
import type { ChatHost, ChatReceiver } from '../types.js';
import { singleValuedForm, slackCommandProblem, slackCommandSchema } from './command-schema.js';

/** Slack is on with a signing secret and a bot token; Socket Mode with an app token too. */
export interface SlackSettings {
  signingSecret: string;
  botToken: string;
  appToken?: string;
  apiUrl?: string;
}

type SlackOptions = SlackSettings & { host: ChatHost };

export const receiveSlack: ChatReceiver = async (settings, host) => {
  const app = await createSlackApp({ ...(settings as SlackSettings), host });
  const mode = app.route ? 'http' : 'socket';
  return {
    routes: app.route ? [{ method: 'POST', path: '/slack/events', handle: app.route }] : [],
    health: { slack: mode },
    status: mode,
    stop: app.stop,
  };
};

interface SlackApp {
  /** The HTTP route, or null in Socket Mode. */
  route: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null;
  stop(): Promise<void>;
}

type Buffered = IncomingMessage & { rawBody?: Buffer };

/** What a verified body is: only slash commands (and Slack's URL checks) go on to Bolt. */
function kindOf(req: IncomingMessage, body: Buffer): 'command' | 'ssl_check' | 'url_verification' | 'other' {
  const text = body.toString('utf8');
  if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    const q = parseQuery(text);
    if (q.ssl_check === '1') return 'ssl_check';
    return typeof q.command === 'string' && typeof q.payload !== 'string' ? 'command' : 'other';
  }
  try {
    return (JSON.parse(text) as { type?: unknown })?.type === 'url_verification' ? 'url_verification' : 'other';
  } catch {
    return 'other';
  }
}

async function createSlackApp(o: SlackOptions): Promise<SlackApp> {
  const { App, HTTPReceiver, HTTPModuleFunctions, LogLevel, SocketModeReceiver } = await import('@slack/bolt');
  const log = o.host.logger;
  const logger = slackLogger(log);
  const common = {
    token: o.botToken,
    tokenVerificationEnabled: false, // no auth.test call at start
    botId: 'B0RELEASERADAR',
    botUserId: 'U0RELEASERADAR',
    logLevel: LogLevel.ERROR,
    logger,
    clientOptions: o.apiUrl ? { slackApiUrl: o.apiUrl, logger } : { logger },
  };
  const receiver = o.appToken
    ? null
    : new HTTPReceiver({
        signingSecret: o.signingSecret,
        endpoints: '/slack/events',
        processBeforeResponse: false,
        bodyLimit: BODY_LIMIT,
        logger,
      });
  // Socket Mode opens its WebSocket with apps.connections.open, which must honour SLACK_API_URL too.
  const socket = o.appToken
    ? new SocketModeReceiver({
        appToken: o.appToken,
        logger,
        installerOptions: { clientOptions: common.clientOptions },
      })
    : null;
  const app = new App({ ...common, receiver: (socket ?? receiver)! });
  const commandSchema = slackCommandSchema(o.apiUrl);

  app.command(/.*/, async ({ command, ack, respond }) => {
    await ack(); // first, within 3 s, always: the answer goes to response_url
    // Over HTTP the route refused malformed fields already; Socket Mode payloads are checked here.
    const problem = slackCommandProblem(command as unknown as Record<string, unknown>, commandSchema);
    if (problem) {
      log.warn({ refused: 'malformed', platform: 'slack', why: problem }, 'command refused');
      return;
    }
    const started = Date.now();
    const cmd = o.host.parse(command.text ?? '');
    const clog = log.child({
      platform: 'slack',
      team: command.team_id,
      channel: command.channel_id,
      command: cmd.kind,
    });
    o.host.later(async () => {
      try {
        const reply = await o.host.answer(cmd, { channelId: command.channel_id, userId: command.user_id });
        for (const p of reply.payloads) {
          await respond({ response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', ...(p as { text: string }) });
        }
        clog.info({ outcome: 'answered', latency_ms: Date.now() - started }, 'command handled');
      } catch (e) {
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        clog.error(
          {
            outcome: 'failed',
            latency_ms: Date.now() - started,
            err: (e as Error).message,
            ...(cause ? { cause: cause.code ?? cause.message } : {}),
          },
          'command failed',
        );
        await respond({ response_type: 'ephemeral', text: 'Sorry, that failed. Try again in a minute.' }).catch(
          () => {},
        );
      }
    });
  });
  app.error(async (e) => {
    log.error({ err: e.message }, 'Slack app error');
  });

  if (o.appToken) {
    await app.start();
    return { route: null, stop: async () => void (await app.stop()) };
  }
  return {
    route: async (req, res) => {
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch (e) {
        if (!(e instanceof BodyTooLargeError)) throw e;
        logRefused(log, req, 'too large', 'slack');
        return sendTooLarge(res);
      }
      (req as Buffered).rawBody = body; // Bolt reads the body from here instead of the stream
      const kind = kindOf(req, body);
      if (kind !== 'ssl_check') {
        // Unsigned ssl_check pings are answered by Bolt and do nothing; everything else must be signed.
        const refuse = (reason: 'stale' | 'bad signature' | 'replay') => {
          logRefused(log, req, reason, 'slack');
          res
            .writeHead(401, { 'content-type': 'text/plain' })
            .end(reason === 'replay' ? 'replayed request' : 'invalid request signature');
        };
        const ts = req.headers['x-slack-request-timestamp'];
        if (!freshTimestamp(typeof ts === 'string' ? ts : undefined)) return refuse('stale');
        try {
          await HTTPModuleFunctions.parseAndVerifyHTTPRequest(
            { signingSecret: o.signingSecret },
            req as Buffered & { rawBody: Buffer },
            res,
          );
        } catch {
          return refuse('bad signature');
        }
        // Verified: the signature is `v0=` + hex of an HMAC, so it identifies this exact request.
        if (o.host.replayed(`slack:${String(req.headers['x-slack-signature']).toLowerCase()}`)) return refuse('replay');
        if (kind === 'other') {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('only slash commands are handled here');
          return;
        }
        // Signed is not well-formed: each field we use must be one value of Slack's shape.
        const form = singleValuedForm(body.toString('utf8'));
        const problem = 'why' in form ? form.why : slackCommandProblem(form.fields, commandSchema);
        if (problem) {
          logRefused(log, req, 'malformed', 'slack');
          res.writeHead(400, { 'content-type': 'text/plain' }).end(`malformed slash command (${problem})`);
          return;
        }
      }
      receiver!.requestListener(req, res);
    },
    stop: async () => {},
  };
}
