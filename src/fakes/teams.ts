/**
 * A fake Microsoft Teams Workflows webhook ("When a Teams webhook request is received") as msw handlers:
 * POST <flow URL> with `{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
 * "content":{"type":"AdaptiveCard",...}}]}` answers 202 Accepted, as the flow does. It refuses what Teams
 * refuses: a body that is not such a message (400), a message over Teams' size limit (about 28 KB: 413), an
 * unknown flow (404), and more than `limit` posts per `windowMs` to one flow (429 with Retry-After).
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import { json, serveHandlers, type LoopbackServer } from './http.js';

/** Teams refuses messages over about 28 KB. */
export const TEAMS_MAX_BYTES = 28_000;
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface TeamsMessage {
  flow: string;
  card: { type: string; version: string; body: unknown[]; actions?: unknown[] };
  bytes: number;
  at: number;
}

export class FakeTeams {
  readonly messages: TeamsMessage[] = [];
  readonly flows = new Set<string>();
  limit = 4;
  windowMs = 1000;
  rateLimited = 0;
  /** Status codes to answer the next posts with, before anything else (a 500, a 502…). */
  readonly faults: number[] = [];
  private readonly windows = new Map<string, { start: number; count: number }>();
  private served: LoopbackServer | null = null;

  readonly handlers: RequestHandler[] = [
    http.post('*/workflows/:flow/triggers/manual/paths/invoke', ({ request, params }) =>
      this.post(request, String(params.flow)),
    ),
  ];

  /** A flow URL as Power Automate writes it (the signature is part of the URL, hence a secret). */
  addFlow(id: string): string {
    this.flows.add(id);
    const base = this.served ? this.served.url : 'https://prod-00.westus.logic.azure.com:443';
    return `${base}/workflows/${id}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=sig-${id}`;
  }

  private async post(request: Request, flow: string): Promise<Response> {
    const fault = this.faults.shift();
    if (fault) return json(fault, { error: { code: 'Fault', message: `injected ${fault}` } });
    if (!this.flows.has(flow) || !new URL(request.url).searchParams.get('sig'))
      return json(404, { error: { code: 'WorkflowNotFound', message: 'The workflow was not found.' } });
    const w = this.windows.get(flow);
    const now = Date.now();
    if (w && now - w.start < this.windowMs && w.count >= this.limit) {
      this.rateLimited++;
      const retryAfter = Math.max(1, Math.ceil((this.windowMs - (now - w.start)) / 1000));
      return json(429, { error: { code: 'TooManyRequests' } }, { 'retry-after': String(retryAfter) });
    }
    if (!w || now - w.start >= this.windowMs) this.windows.set(flow, { start: now, count: 1 });
    else w.count++;
    const raw = await request.text();
    const bytes = Buffer.byteLength(raw);
    if (bytes > TEAMS_MAX_BYTES)
      return json(413, {
        error: { code: 'RequestEntityTooLarge', message: `${bytes} bytes (Teams allows about 28 KB)` },
      });
    let body: { type?: string; attachments?: { contentType?: string; content?: TeamsMessage['card'] }[] };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return json(400, { error: { code: 'InvalidJson' } });
    }
    const card = body.attachments?.[0]?.content;
    if (
      body.type !== 'message' ||
      body.attachments?.length !== 1 ||
      body.attachments[0]!.contentType !== ADAPTIVE_CARD ||
      card?.type !== 'AdaptiveCard' ||
      !Array.isArray(card.body) ||
      !/^1\.[0-5]$/.test(card.version)
    )
      return json(400, { error: { code: 'InvalidMessage', message: 'expected one Adaptive Card (version 1.0-1.5)' } });
    this.messages.push({ flow, card, bytes, at: now });
    return new HttpResponse(null, { status: 202 });
  }

  async start(): Promise<this> {
    this.served = await serveHandlers(this.handlers);
    return this;
  }

  async close(): Promise<void> {
    await this.served?.close();
  }
}
