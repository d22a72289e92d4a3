/**
 * A fake Slack Web API (chat.postMessage, form-urlencoded or JSON, Bearer token) and incoming webhooks, as msw
 * handlers. Enforces about one message a second per channel with 429 + Retry-After, checks Block Kit limits
 * (invalid_blocks), and answers channel_not_found / invalid_auth like Slack does. Socket Mode: apps.connections.open
 * hands out the URL of a real WebSocket server on loopback. In-process with `setupServer(...slack.handlers)`
 * (clients use `slack.apiUrl`, the real API), or on loopback after `start()`.
 */
import type { AddressInfo } from 'node:net';
import { delay, http, HttpResponse, type RequestHandler } from 'msw';
import { WebSocketServer, type WebSocket } from 'ws';
import { SLACK_LIMITS } from '../platforms/slack/limits.js';
import { json, serveHandlers, type LoopbackServer } from './http.js';

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
  /** Queued network delays (ms): the next requests reach the fake this much later, as over a slow link. */
  readonly delays: number[] = [];
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
  private served: LoopbackServer | null = null;
  private seq = 0;

  readonly handlers: RequestHandler[] = [
    http.post('*/services/:team/:bot/:secret', ({ request, params }) =>
      this.serve(() => this.webhook(request, `${String(params.team)}/${String(params.bot)}/${String(params.secret)}`)),
    ),
    http.post('*/api/apps.connections.open', ({ request }) => this.serve(() => this.connectionsOpen(request))),
    http.post('*/api/chat.postMessage', ({ request }) => this.serve(() => this.postMessage(request))),
    http.post('*/api/:method', () => this.serve(() => json(200, { ok: false, error: 'unknown_method' }))),
  ];

  /** The Web API base for clients: the loopback server once started, else the real one (for in-process msw). */
  get apiUrl(): string {
    return this.served ? `${this.served.url}/api/` : 'https://slack.com/api/';
  }
  /** A webhook URL in Slack's own shape; with SLACK_API_URL pointing here, it is served by this fake. */
  webhookUrl(id: string): string {
    const path = `T0000000/B0000000/${id}`;
    this.webhooks.add(path);
    return `https://hooks.slack.com/services/${path}`;
  }

  /** Serves the handlers on loopback (for child processes). */
  async start(): Promise<this> {
    this.served = await serveHandlers(this.handlers);
    return this;
  }
  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((r) => (this.wss ? this.wss.close(() => r()) : r()));
    await this.served?.close();
  }

  /** Starts the Socket Mode WebSocket endpoint; apps.connections.open hands out its URL. */
  private async socketUrl(): Promise<string> {
    if (!this.wss) {
      this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
      await new Promise<void>((r) => this.wss!.once('listening', () => r()));
      this.wss.on('connection', (ws) => {
        this.sockets.push(ws);
        ws.on('message', (data) => this.socketAcks.push(JSON.parse(String(data)) as Record<string, unknown>));
        ws.send(
          JSON.stringify({
            type: 'hello',
            num_connections: 1,
            debug_info: { host: 'fake', build_number: 1, approximate_connection_time: 18060 },
            connection_info: { app_id: 'A1' },
          }),
        );
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

  /** A 429 with Retry-After when `key` (a channel or webhook) had a message less than `intervalMs` ago. */
  private limitCheck(key: string): Response | null {
    const now = Date.now();
    const last = this.lastAt.get(key);
    if (last !== undefined && now - last < this.intervalMs) {
      this.rateLimited++;
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(this.retryAfterSec) });
    }
    this.lastAt.set(key, now);
    return null;
  }

  /** Every request first takes its queued delay, then meets the queued faults. */
  private async serve(answer: () => Response | Promise<Response>): Promise<Response> {
    const late = this.delays.shift();
    if (late) await delay(late);
    const fault = this.faults.shift();
    return fault ? json(fault, { ok: false, error: `fault_${fault}` }) : answer();
  }

  private async webhook(request: Request, path: string): Promise<Response> {
    if (!this.webhooks.has(path)) return new HttpResponse('no_service', { status: 404 });
    const limited = this.limitCheck(`hook:${path}`);
    if (limited) return limited;
    const payload = (await request.json()) as Record<string, unknown>;
    if (blockProblem((payload.blocks ?? []) as SlackMessage['blocks']))
      return new HttpResponse('invalid_blocks', { status: 400 });
    this.webhookMessages.set(path, [...(this.webhookMessages.get(path) ?? []), payload]);
    return HttpResponse.text('ok');
  }

  private async connectionsOpen(request: Request): Promise<Response> {
    const appToken = (request.headers.get('authorization') ?? '').replace(/^Bearer /, '');
    if (!this.appTokens.has(appToken)) return json(200, { ok: false, error: 'invalid_auth' });
    return json(200, { ok: true, url: await this.socketUrl() });
  }

  private async postMessage(request: Request): Promise<Response> {
    const token = (request.headers.get('authorization') ?? '').replace(/^Bearer /, '');
    if (!this.tokens.has(token)) return json(200, { ok: false, error: 'invalid_auth' });
    const raw = await request.text();
    const form = (request.headers.get('content-type') ?? '').includes('json')
      ? (JSON.parse(raw) as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(raw));
    const channel = String(form.channel ?? '');
    const channelFault = this.channelFaults.get(channel)?.shift();
    if (channelFault) return json(channelFault, { ok: false, error: `fault_${channelFault}` });
    if (!this.channels.has(channel)) return json(200, { ok: false, error: 'channel_not_found' });
    const blocks = (
      typeof form.blocks === 'string' ? JSON.parse(form.blocks) : (form.blocks ?? [])
    ) as SlackMessage['blocks'];
    const problem = blockProblem(blocks);
    if (problem) return json(200, { ok: false, error: 'invalid_blocks', errors: [problem] });
    const limited = this.limitCheck(`channel:${channel}`);
    if (limited) return limited;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
    const m: SlackMessage = {
      channel,
      text: String(form.text ?? ''),
      blocks,
      ts,
      at: Date.now(),
      ...(form.thread_ts ? { thread_ts: String(form.thread_ts) } : {}),
    };
    this.messages.push(m);
    this.onMessage?.(m);
    return json(200, { ok: true, channel, ts, message: { text: m.text, ts } });
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
