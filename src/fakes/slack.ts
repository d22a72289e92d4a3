/**
 * A fake Slack Web API (chat.postMessage, form-urlencoded or JSON, Bearer token) and incoming webhooks,
 * on loopback. Enforces about one message a second per channel with 429 + Retry-After, checks Block Kit
 * limits (invalid_blocks), and answers channel_not_found / invalid_auth like Slack does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { SLACK_LIMITS } from '../deliver/limits.js';
import { sendJson, startLoopback, type LoopbackServer } from './http.js';

export interface SlackMessage {
  channel: string;
  text: string;
  blocks: { type: string; text?: { text: string } }[];
  thread_ts?: string;
  ts: string;
  at: number;
}

export class FakeSlack {
  readonly messages: SlackMessage[] = [];
  readonly webhookMessages = new Map<string, Record<string, unknown>[]>();
  /** Requests refused with 429 for coming too fast. */
  rateLimited = 0;
  readonly channels = new Set<string>();
  readonly tokens = new Set<string>(['xoxb-test-token']);
  readonly webhooks = new Set<string>();
  /** Minimum ms between messages to one channel; 429 with Retry-After when broken. */
  intervalMs = 1000;
  retryAfterSec = 1;
  /** Queued faults: the next requests answer these statuses. */
  readonly faults: number[] = [];
  /** Queued faults for one channel's chat.postMessage calls. */
  readonly channelFaults = new Map<string, number[]>();
  /** Called for every accepted message (tests use it to kill a process mid-fan-out). */
  onMessage?: (m: SlackMessage) => void;
  /** Socket Mode: app-level tokens accepted by apps.connections.open, the open sockets and what apps sent back. */
  readonly appTokens = new Set<string>(['xapp-test-token']);
  readonly socketAcks: Record<string, unknown>[] = [];
  private wss: WebSocketServer | null = null;
  private sockets: WebSocket[] = [];
  private readonly lastAt = new Map<string, number>();
  private server!: LoopbackServer;
  private seq = 0;

  get apiUrl(): string {
    return `${this.server.url}/api/`;
  }
  /** A webhook URL in Slack's own shape; with SLACK_API_URL pointing here, it is served by this fake. */
  webhookUrl(id: string): string {
    const path = `T0000000/B0000000/${id}`;
    this.webhooks.add(path);
    return `https://hooks.slack.com/services/${path}`;
  }

  async start(): Promise<this> {
    this.server = await startLoopback((req, body, res) => this.handle(req, body, res));
    return this;
  }
  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((r) => (this.wss ? this.wss.close(() => r()) : r()));
    await this.server.close();
  }

  /** Starts the Socket Mode WebSocket endpoint; apps.connections.open hands out its URL. */
  private async socketUrl(): Promise<string> {
    if (!this.wss) {
      this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
      await new Promise<void>((r) => this.wss!.once('listening', () => r()));
      this.wss.on('connection', (ws) => {
        this.sockets.push(ws);
        ws.on('message', (data) => this.socketAcks.push(JSON.parse(String(data)) as Record<string, unknown>));
        ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', build_number: 1, approximate_connection_time: 18060 }, connection_info: { app_id: 'A1' } }));
      });
    }
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/link`;
  }

  /** Sends a Socket Mode envelope to every connected app. */
  pushEnvelope(envelope: Record<string, unknown>): number {
    const open = this.sockets.filter((s) => s.readyState === s.OPEN);
    for (const s of open) s.send(JSON.stringify(envelope));
    return open.length;
  }

  private limitCheck(key: string, res: ServerResponse): boolean {
    const now = Date.now();
    const last = this.lastAt.get(key);
    if (last !== undefined && now - last < this.intervalMs) {
      this.rateLimited++;
      res.writeHead(429, { 'retry-after': String(this.retryAfterSec), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return false;
    }
    this.lastAt.set(key, now);
    return true;
  }

  private handle(req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const fault = this.faults.shift();
    if (fault) {
      sendJson(res, fault, { ok: false, error: `fault_${fault}` });
      return;
    }
    const url = new URL(req.url ?? '/', this.server.url);
    const hook = /^\/services\/(.+)$/.exec(url.pathname);
    if (hook) {
      if (!this.webhooks.has(hook[1]!)) {
        res.writeHead(404).end('no_service');
        return;
      }
      if (!this.limitCheck(`hook:${hook[1]}`, res)) return;
      const payload = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      const problem = blockProblem((payload.blocks ?? []) as SlackMessage['blocks']);
      if (problem) {
        res.writeHead(400).end('invalid_blocks');
        return;
      }
      this.webhookMessages.set(hook[1]!, [...(this.webhookMessages.get(hook[1]!) ?? []), payload]);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (url.pathname === '/api/apps.connections.open') {
      const appToken = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!this.appTokens.has(appToken)) return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
      void this.socketUrl().then((u) => sendJson(res, 200, { ok: true, url: u }));
      return;
    }
    if (url.pathname !== '/api/chat.postMessage') {
      sendJson(res, 200, { ok: false, error: 'unknown_method' });
      return;
    }
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!this.tokens.has(token)) {
      sendJson(res, 200, { ok: false, error: 'invalid_auth' });
      return;
    }
    const form = (req.headers['content-type'] ?? '').includes('json')
      ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    const channel = String(form.channel ?? '');
    const channelFault = this.channelFaults.get(channel)?.shift();
    if (channelFault) {
      sendJson(res, channelFault, { ok: false, error: `fault_${channelFault}` });
      return;
    }
    if (!this.channels.has(channel)) {
      sendJson(res, 200, { ok: false, error: 'channel_not_found' });
      return;
    }
    const blocks = (typeof form.blocks === 'string' ? JSON.parse(form.blocks) : (form.blocks ?? [])) as SlackMessage['blocks'];
    if (blockProblem(blocks)) {
      sendJson(res, 200, { ok: false, error: 'invalid_blocks', errors: [blockProblem(blocks)] });
      return;
    }
    if (!this.limitCheck(`channel:${channel}`, res)) return;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
    const m: SlackMessage = { channel, text: String(form.text ?? ''), blocks, ts, at: Date.now(), ...(form.thread_ts ? { thread_ts: String(form.thread_ts) } : {}) };
    this.messages.push(m);
    this.onMessage?.(m);
    sendJson(res, 200, { ok: true, channel, ts, message: { text: m.text, ts } });
  }
}

function blockProblem(blocks: SlackMessage['blocks']): string | null {
  if (blocks.length > SLACK_LIMITS.blocks) return `more than ${SLACK_LIMITS.blocks} blocks`;
  for (const b of blocks) {
    const n = b.text?.text.length ?? 0;
    if (b.type === 'section' && n > SLACK_LIMITS.sectionText) return 'section text too long';
    if (b.type === 'header' && n > SLACK_LIMITS.headerText) return 'header text too long';
  }
  return null;
}
