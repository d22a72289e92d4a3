/** Starts `serve` in-process against a store, a fake GitHub and a fake Discord, with both platforms on. */
import { Classifier } from '../../src/classify/classifier.js';
import { validateConfig } from '../../src/config/load.js';
import { TemplateRenderer } from '../../src/deliver/templates.js';
import type { ChatTokens } from '../../src/deliver/chat-routes.js';
import { createGitHubClient } from '../../src/github/client.js';
import { silentLogger } from '../../src/log.js';
import type { Logger } from 'pino';
import { startServer, type RunningServer, type ServerLimits } from '../../src/serve/server.js';
import type { Store } from '../../src/store/store.js';
import { startLoopback, type LoopbackServer } from '../fakes/http.js';
import { SLACK_SECRET, type DiscordKeys } from './signing.js';

export async function startServe(
  store: Store,
  opts: { githubUrl: string; discordApiUrl: string; keys: DiscordKeys; config?: unknown; tokens?: ChatTokens; limits?: Partial<ServerLimits>; logger?: Logger },
): Promise<RunningServer> {
  const config = validateConfig(
    opts.config ?? {
      repos: [
        { name: 'pytorch/pytorch', aliases: ['pytorch', 'torch'] },
        { name: 'tensorflow/tensorflow', aliases: ['tensorflow', 'tf'] },
      ],
    },
    'serve-test.yaml',
    {},
  );
  return startServer({
    port: 0,
    host: '127.0.0.1',
    slack: { signingSecret: SLACK_SECRET, botToken: 'xoxb-test-token' },
    discord: { publicKey: opts.keys.publicKeyHex, applicationId: '4242', apiUrl: opts.discordApiUrl },
    chat: {
      store,
      config,
      classifier: new Classifier(config.resolvedCategories),
      renderer: new TemplateRenderer(),
      github: createGitHubClient({ baseUrl: opts.githubUrl, logger: silentLogger, retryUnitMs: 5 }),
      logger: opts.logger ?? silentLogger,
      tokens: { slack: 'xoxb-test-token', discord: 'bot-token', ...opts.tokens },
    },
    logger: opts.logger ?? silentLogger,
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
}

/** Collects what is POSTed to Slack response_url endpoints. */
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
