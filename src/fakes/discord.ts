/**
 * A fake Discord API as msw handlers: webhooks (POST /api/v10/webhooks/{id}/{token}?wait=true) rate-limited per
 * webhook (default 5 requests per 2 s) announced with X-RateLimit-* headers and enforced with 429 +
 * `retry_after`; embed and content limits enforced with 400 (50035); unknown webhooks get 404 (10015). Also bot
 * posts to channels, command registration and interaction replies. In-process with
 * `setupServer(...discord.handlers)` (clients use `discord.apiUrl`, the real API), or on loopback after `start()`.
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import { discordViolations } from '../platforms/discord/limits.js';
import { json, serveHandlers, type LoopbackServer } from './http.js';

export interface DiscordMessage {
  webhook: string;
  id: string;
  /** Forum posts: `thread_name` opened a thread; `thread_id` posted into one. */
  threadName?: string;
  threadId?: string;
  /** The channel (or thread) the message is in: a new forum post is a thread with the message's id. */
  channelId: string;
  content: string;
  embeds: { title?: string; description?: string }[];
  allowed_mentions?: { parse: string[] };
  at: number;
}

export interface InteractionReply {
  method: string;
  path: string;
  body: Record<string, unknown>;
  at: number;
}

export class FakeDiscord {
  readonly messages: DiscordMessage[] = [];
  /** Edits of deferred replies and follow-ups on interaction tokens. */
  readonly interactionReplies: InteractionReply[] = [];
  /** Bot posts to channels: channel id -> bodies. */
  readonly channelMessages: { channel: string; id: string; body: Record<string, unknown>; authorization: string }[] =
    [];
  /** Threads the bot opened on a message: thread id (= message id) -> parent channel and name. */
  readonly threads = new Map<string, { parent: string; name: string }>();
  /** Command registrations (PUT .../commands). */
  readonly registrations: { path: string; body: unknown; authorization: string }[] = [];
  botToken = 'bot-token';
  /** The gateway GET /gateway/bot points clients to (a FakeDiscordGateway's url). */
  gatewayUrl = '';
  /** Called when an interaction reply arrives. */
  onInteractionReply?: (r: InteractionReply) => void;
  readonly webhooks = new Map<string, string>(); // id -> token
  limit = 5;
  windowMs = 2000;
  rateLimited = 0;
  readonly faults: number[] = [];
  /** Awaited after a webhook message is accepted and before it is answered (a test's fault injection). */
  beforeAnswer?: (m: DiscordMessage) => Promise<void>;
  onMessage?: (m: DiscordMessage) => void;
  private readonly windows = new Map<string, { start: number; count: number }>();
  private served: LoopbackServer | null = null;
  private seq = 100000;

  readonly handlers: RequestHandler[] = [
    http.put('*/api/:version/applications/:app/commands', ({ request }) => this.register(request)),
    http.put('*/api/:version/applications/:app/guilds/:guild/commands', ({ request }) => this.register(request)),
    http.get('*/api/:version/gateway/bot', ({ request }) =>
      this.isBot(request)
        ? json(200, {
            url: this.gatewayUrl,
            shards: 1,
            session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
          })
        : json(401, { message: '401: Unauthorized', code: 0 }),
    ),
    // The first answer to a gateway interaction (HTTP interactions answer in the response instead).
    http.post('*/api/:version/interactions/:id/:token/callback', async ({ request, params }) => {
      if (!String(params.token).startsWith('itoken')) return undefined;
      const r: InteractionReply = {
        method: 'POST',
        path: new URL(request.url).pathname,
        body: await readJson(request),
        at: Date.now(),
      };
      this.interactionReplies.push(r);
      this.onInteractionReply?.(r);
      return new HttpResponse(null, { status: 204 });
    }),
    http.post('*/api/:version/channels/:channel/messages/:message/threads', ({ request, params }) =>
      this.openThread(request, String(params.channel), String(params.message)),
    ),
    http.post('*/api/:version/channels/:channel/messages', ({ request, params }) =>
      this.channelPost(request, String(params.channel)),
    ),
    // Interaction tokens (itoken-…): deferred-reply edits and follow-ups. Other tokens fall through to webhooks.
    http.patch('*/api/:version/webhooks/:id/:token/messages/@original', ({ request, params }) =>
      this.interactionReply(request, String(params.token)),
    ),
    http.post('*/api/:version/webhooks/:id/:token', ({ request, params }) =>
      this.interactionReply(request, String(params.token)),
    ),
    http.post('*/api/:version/webhooks/:id/:token', ({ request, params }) =>
      this.webhook(request, String(params.id), String(params.token)),
    ),
    http.all('*/api/:version/webhooks/*', () => json(404, { message: 'Unknown Webhook', code: 10015 })),
  ];

  /** The API base for clients: the loopback server once started, else the real one (for in-process msw). */
  get apiUrl(): string {
    return this.served ? `${this.served.url}/api` : 'https://discord.com/api';
  }
  /** A webhook URL in Discord's own shape (as the config wants it); requests go to apiUrl. */
  addWebhook(id: string, token = `tok-${id}`): string {
    this.webhooks.set(id, token);
    return `https://discord.com/api/webhooks/${id}/${token}`;
  }

  /** Serves the handlers on loopback (for child processes). */
  async start(): Promise<this> {
    this.served = await serveHandlers(this.handlers);
    return this;
  }
  async close(): Promise<void> {
    await this.served?.close();
  }

  private isBot(request: Request): boolean {
    return request.headers.get('authorization') === `Bot ${this.botToken}`;
  }

  private async register(request: Request): Promise<Response> {
    if (!this.isBot(request)) return json(401, { message: '401: Unauthorized', code: 0 });
    const body = await readJson(request);
    this.registrations.push({
      path: new URL(request.url).pathname,
      body,
      authorization: request.headers.get('authorization') ?? '',
    });
    return json(200, body);
  }

  private async channelPost(request: Request, channel: string): Promise<Response> {
    if (!this.isBot(request)) return json(401, { message: '401: Unauthorized', code: 0 });
    const body = await readJson(request);
    const problems = discordViolations(body);
    if (problems.length) return json(400, { message: 'Invalid Form Body', code: 50035, errors: problems });
    const id = String(++this.seq);
    this.channelMessages.push({ channel, id, body, authorization: request.headers.get('authorization') ?? '' });
    return json(200, { id, channel_id: channel, ...body });
  }

  private async openThread(request: Request, parent: string, messageId: string): Promise<Response> {
    if (!this.isBot(request)) return json(401, { message: '401: Unauthorized', code: 0 });
    if (this.threads.has(messageId))
      return json(400, { message: 'A thread has already been created for this message', code: 160004 });
    if (!this.channelMessages.some((m) => m.channel === parent && m.id === messageId))
      return json(404, { message: 'Unknown Message', code: 10008 });
    const name = String((await readJson(request)).name ?? '');
    if (!name || name.length > 100) return json(400, { message: 'Invalid Form Body', code: 50035 });
    this.threads.set(messageId, { parent, name });
    return json(201, { id: messageId, parent_id: parent, name, type: 11 });
  }

  /** Undefined (not an interaction token): msw tries the next handler. */
  private async interactionReply(request: Request, token: string): Promise<Response | undefined> {
    if (!token.startsWith('itoken')) return undefined;
    const r: InteractionReply = {
      method: request.method,
      path: new URL(request.url).pathname,
      body: await readJson(request),
      at: Date.now(),
    };
    this.interactionReplies.push(r);
    this.onInteractionReply?.(r);
    return json(200, { id: String(++this.seq), ...r.body });
  }

  private async webhook(request: Request, id: string, token: string): Promise<Response> {
    if (this.webhooks.get(id) !== token) return json(404, { message: 'Unknown Webhook', code: 10015 });
    const fault = this.faults.shift();
    if (fault) return json(fault, { message: `fault ${fault}`, code: 0 });
    const now = Date.now();
    let w = this.windows.get(id);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(id, w);
    }
    const window = w;
    const resetAfter = (window.start + this.windowMs - now) / 1000;
    const headers = (remaining: number) => ({
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(Math.max(0, remaining)),
      'x-ratelimit-reset': ((window.start + this.windowMs) / 1000).toFixed(3),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': `bucket-${id}`,
    });
    if (window.count >= this.limit) {
      this.rateLimited++;
      return json(
        429,
        { message: 'You are being rate limited.', retry_after: resetAfter, global: false },
        { ...headers(0), 'retry-after': String(Math.ceil(resetAfter)), 'x-ratelimit-scope': 'user' },
      );
    }
    window.count++;
    const body = await readJson(request);
    const problems = discordViolations({ allowed_mentions: { parse: [] }, ...body });
    if (problems.length)
      return json(
        400,
        { message: 'Invalid Form Body', code: 50035, errors: problems },
        headers(this.limit - window.count),
      );
    const threadId = new URL(request.url).searchParams.get('thread_id') ?? undefined;
    if (threadId && !this.messages.some((m) => m.threadName && m.channelId === threadId)) {
      return json(400, { message: 'Unknown Channel', code: 10003 }, headers(this.limit - window.count));
    }
    const messageId = String(++this.seq);
    const threadName = typeof body.thread_name === 'string' ? body.thread_name : undefined;
    const msg: DiscordMessage = {
      webhook: id,
      id: messageId,
      ...(threadName ? { threadName } : {}),
      ...(threadId ? { threadId } : {}),
      channelId: threadId ?? (threadName ? messageId : '1'),
      content: String(body.content ?? ''),
      embeds: (body.embeds ?? []) as DiscordMessage['embeds'],
      allowed_mentions: body.allowed_mentions as DiscordMessage['allowed_mentions'],
      at: now,
    };
    this.messages.push(msg);
    this.onMessage?.(msg);
    await this.beforeAnswer?.(msg);
    return json(
      200,
      { id: msg.id, type: 0, content: msg.content, embeds: msg.embeds, channel_id: msg.channelId, webhook_id: id },
      headers(this.limit - window.count),
    );
  }
}

async function readJson(request: Request): Promise<Record<string, unknown>> {
  const raw = await request.text();
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}
