/** Collects what is POSTed to Slack response_url endpoints (slash-command replies). */
import { startLoopback, type LoopbackServer } from './http.js';

export class ResponseUrlSink {
  readonly posts: { path: string; body: Record<string, unknown> }[] = [];
  private waiters: (() => void)[] = [];
  server!: LoopbackServer;
  async start(): Promise<this> {
    this.server = await startLoopback((req, body, res) => {
      this.posts.push({ path: req.url ?? '', body: JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      for (const w of this.waiters.splice(0)) w();
    });
    return this;
  }
  url(id: string): string {
    return `${this.server.url}/commands/${id}`;
  }
  /** Waits until `n` posts have arrived for `id` (or any id). */
  async waitFor(n: number, id?: string, timeoutMs = 10_000): Promise<{ path: string; body: Record<string, unknown> }[]> {
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
