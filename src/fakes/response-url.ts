/** Collects what is POSTed to Slack response_url endpoints (slash-command replies), as an msw handler. */
import { http, HttpResponse, type RequestHandler } from 'msw';
import { serveHandlers, type LoopbackServer } from './http.js';

export class ResponseUrlSink {
  readonly posts: { path: string; body: Record<string, unknown> }[] = [];
  private waiters: (() => void)[] = [];
  server!: LoopbackServer;
  readonly handlers: RequestHandler[] = [
    http.post('*/commands/:id', async ({ request }) => {
      const raw = await request.text();
      this.posts.push({
        path: new URL(request.url).pathname,
        body: JSON.parse(raw || '{}') as Record<string, unknown>,
      });
      for (const w of this.waiters.splice(0)) w();
      return HttpResponse.text('ok');
    }),
  ];
  async start(): Promise<this> {
    this.server = await serveHandlers(this.handlers);
    return this;
  }
  url(id: string): string {
    return `${this.server.url}/commands/${id}`;
  }
  /** Waits until `n` posts have arrived for `id` (or any id). */
  async waitFor(
    n: number,
    id?: string,
    timeoutMs = 10_000,
  ): Promise<{ path: string; body: Record<string, unknown> }[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = this.posts.filter((p) => !id || p.path === `/commands/${id}`);
      if (got.length >= n) return got;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} response_url posts (got ${got.length})`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }
  close(): Promise<void> {
    return this.server.close();
  }
}
