/**
 * A receiver of release-radar's signed webhooks, as any service would write one: it verifies each request
 * with the stock `standardwebhooks` library (webhook-id, webhook-timestamp, webhook-signature; 5 minutes of
 * tolerance) and keeps what it accepted, keyed by webhook-id so a redelivery is seen as one. It answers 401
 * to a bad signature, and `faults` (500, 429…) first when a test asks.
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import { Webhook } from 'standardwebhooks';
import { json, serveHandlers, type LoopbackServer } from './http.js';

export interface ReceivedWebhook {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export class FakeWebhookReceiver {
  /** Every verified delivery, redeliveries included. */
  readonly deliveries: ReceivedWebhook[] = [];
  readonly refused: string[] = [];
  /** The webhook-id of every verified request, answered with a fault or not. */
  readonly attempts: string[] = [];
  readonly faults: { status: number; retryAfter?: number }[] = [];
  private readonly verifier: Webhook;
  private served: LoopbackServer | null = null;

  readonly handlers: RequestHandler[] = [http.post('*/hooks/release-radar', ({ request }) => this.receive(request))];

  constructor(readonly secret = `whsec_${Buffer.from('release-radar test secret 0123456789').toString('base64')}`) {
    this.verifier = new Webhook(secret);
  }

  get url(): string {
    return `${this.served ? this.served.url : 'https://hooks.example.com'}/hooks/release-radar`;
  }

  /** Distinct messages received (by webhook-id). */
  get messages(): ReceivedWebhook[] {
    return [...new Map(this.deliveries.map((d) => [d.id, d])).values()];
  }

  private async receive(request: Request): Promise<Response> {
    const raw = await request.text();
    const headers = Object.fromEntries(request.headers);
    let body: Record<string, unknown>;
    try {
      body = this.verifier.verify(raw, headers) as Record<string, unknown>;
    } catch (e) {
      this.refused.push((e as Error).message);
      return json(401, { error: 'bad signature' });
    }
    this.attempts.push(headers['webhook-id']!);
    const fault = this.faults.shift();
    if (fault)
      return json(
        fault.status,
        { error: 'injected' },
        fault.retryAfter ? { 'retry-after': String(fault.retryAfter) } : {},
      );
    this.deliveries.push({ id: headers['webhook-id']!, body, at: Date.now() });
    return new HttpResponse(null, { status: 204 });
  }

  async start(): Promise<this> {
    this.served = await serveHandlers(this.handlers);
    return this;
  }

  async close(): Promise<void> {
    await this.served?.close();
  }
}
