/**
 * A fake Discord webhook API on loopback: POST /api/v10/webhooks/{id}/{token}?wait=true. Rate limits per
 * webhook (default 5 requests per 2 s) announced with X-RateLimit-* headers and enforced with 429 +
 * `retry_after`; embed and content limits enforced with 400 (50035); unknown webhooks get 404 (10015).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { discordViolations } from '../../src/deliver/limits.js';
import { sendJson, startLoopback, type LoopbackServer } from './http.js';

export interface DiscordMessage {
  webhook: string;
  id: string;
  content: string;
  embeds: { title?: string; description?: string }[];
  allowed_mentions?: { parse: string[] };
  /** Forum posts: `thread_name` opened a thread; `thread_id` posted into one. */
  threadName?: string;
  threadId?: string;
  /** The channel (or thread) the message is in: a new forum post is a thread with the message's id. */
  channelId: string;
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
  readonly channelMessages: { channel: string; id: string; body: Record<string, unknown>; authorization: string }[] = [];
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
  onMessage?: (m: DiscordMessage) => void;
  private readonly windows = new Map<string, { start: number; count: number }>();
  private server!: LoopbackServer;
  private seq = 100000;

  get apiUrl(): string {
    return `${this.server.url}/api`;
  }
  /** A webhook URL in Discord's own shape (as the config wants it); requests go to apiUrl. */
  addWebhook(id: string, token = `tok-${id}`): string {
    this.webhooks.set(id, token);
    return `https://discord.com/api/webhooks/${id}/${token}`;
  }

  async start(): Promise<this> {
    this.server = await startLoopback((req, body, res) => this.handle(req, body, res));
    return this;
  }
  close(): Promise<void> {
    return this.server.close();
  }

  private handle(req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.server.url);
    const auth = String(req.headers.authorization ?? '');
    const json = () => (raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {});
    if (/^\/api\/v\d+\/applications\/\d+(?:\/guilds\/\d+)?\/commands$/.test(url.pathname) && req.method === 'PUT') {
      if (auth !== `Bot ${this.botToken}`) return sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
      this.registrations.push({ path: url.pathname, body: json(), authorization: auth });
      return sendJson(res, 200, json());
    }
    const thread = /^\/api\/v\d+\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(url.pathname);
    if (thread && req.method === 'POST') {
      if (auth !== `Bot ${this.botToken}`) return sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
      const [, parent, messageId] = thread as unknown as [string, string, string];
      if (this.threads.has(messageId)) return sendJson(res, 400, { message: 'A thread has already been created for this message', code: 160004 });
      if (!this.channelMessages.some((m) => m.channel === parent && m.id === messageId)) return sendJson(res, 404, { message: 'Unknown Message', code: 10008 });
      const name = String(json().name ?? '');
      if (!name || name.length > 100) return sendJson(res, 400, { message: 'Invalid Form Body', code: 50035 });
      this.threads.set(messageId, { parent, name });
      return sendJson(res, 201, { id: messageId, parent_id: parent, name, type: 11 });
    }
    if (/^\/api\/v\d+\/gateway\/bot$/.test(url.pathname) && req.method === 'GET') {
      if (auth !== `Bot ${this.botToken}`) return sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
      return sendJson(res, 200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    }
    // The first answer to a gateway interaction (HTTP interactions answer in the response instead).
    const callback = /^\/api\/v\d+\/interactions\/(\d+)\/(itoken[\w-]*)\/callback$/.exec(url.pathname);
    if (callback && req.method === 'POST') {
      const r: InteractionReply = { method: 'POST', path: url.pathname, body: json(), at: Date.now() };
      this.interactionReplies.push(r);
      this.onInteractionReply?.(r);
      res.writeHead(204).end();
      return;
    }
    const channel = /^\/api\/v\d+\/channels\/(\d+)\/messages$/.exec(url.pathname);
    if (channel && req.method === 'POST') {
      if (auth !== `Bot ${this.botToken}`) return sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
      const body = json();
      const problems = discordViolations(body);
      if (problems.length) return sendJson(res, 400, { message: 'Invalid Form Body', code: 50035, errors: problems });
      const id = String(++this.seq);
      this.channelMessages.push({ channel: channel[1]!, id, body, authorization: auth });
      return sendJson(res, 200, { id, channel_id: channel[1], ...body });
    }
    const interaction = /^\/api\/v\d+\/webhooks\/(\d+)\/(itoken[\w-]*)(\/messages\/@original)?$/.exec(url.pathname);
    if (interaction) {
      const r: InteractionReply = { method: req.method ?? '', path: url.pathname, body: json(), at: Date.now() };
      this.interactionReplies.push(r);
      this.onInteractionReply?.(r);
      return sendJson(res, 200, { id: String(++this.seq), ...r.body });
    }
    const m = /^\/api\/v\d+\/webhooks\/(\d+)\/([\w-]+)$/.exec(url.pathname);
    if (!m || req.method !== 'POST' || this.webhooks.get(m[1]!) !== m[2]) {
      sendJson(res, 404, { message: 'Unknown Webhook', code: 10015 });
      return;
    }
    const id = m[1]!;
    const fault = this.faults.shift();
    if (fault) {
      sendJson(res, fault, { message: `fault ${fault}`, code: 0 });
      return;
    }
    const now = Date.now();
    let w = this.windows.get(id);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(id, w);
    }
    const resetAfter = (w.start + this.windowMs - now) / 1000;
    const headers = (remaining: number) => ({
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(Math.max(0, remaining)),
      'x-ratelimit-reset': ((w!.start + this.windowMs) / 1000).toFixed(3),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': `bucket-${id}`,
    });
    if (w.count >= this.limit) {
      this.rateLimited++;
      sendJson(res, 429, { message: 'You are being rate limited.', retry_after: resetAfter, global: false }, { ...headers(0), 'retry-after': String(Math.ceil(resetAfter)), 'x-ratelimit-scope': 'user' });
      return;
    }
    w.count++;
    const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    const problems = discordViolations({ allowed_mentions: { parse: [] }, ...body });
    if (problems.length) {
      sendJson(res, 400, { message: 'Invalid Form Body', code: 50035, errors: problems }, headers(this.limit - w.count));
      return;
    }
    const threadId = url.searchParams.get('thread_id') ?? undefined;
    if (threadId && !this.messages.some((m) => m.threadName && m.channelId === threadId)) {
      sendJson(res, 400, { message: 'Unknown Channel', code: 10003 }, headers(this.limit - w.count));
      return;
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
    sendJson(res, 200, { id: msg.id, type: 0, content: msg.content, embeds: msg.embeds, channel_id: msg.channelId, webhook_id: id }, headers(this.limit - w.count));
  }
}
