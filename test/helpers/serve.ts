/** Starts `serve` in-process against a store, a fake GitHub and a fake Discord, with both platforms on. */
import { Classifier } from '../../src/classify/classifier.js';
import { templateRenderer } from '../../src/platforms/registry.js';
import { validateConfig } from '../../src/config/load.js';
import type { ChatTokens } from '../../src/deliver/chat-routes.js';
import { createGitHubClient } from '../../src/github/client.js';
import { silentLogger } from '../../src/log.js';
import type { Logger } from 'pino';
import { startServer, type RunningServer, type ServerLimits } from '../../src/serve/server.js';
import type { Store } from '../../src/store/store.js';
import { SLACK_SECRET, type DiscordKeys } from '../../src/fakes/signing.js';

/** Where the tests' Slack fakes and response_url sinks listen. */
const LOOPBACK_API = 'http://127.0.0.1/api/';

export async function startServe(
  store: Store,
  opts: {
    githubUrl: string;
    discordApiUrl: string;
    keys: DiscordKeys;
    config?: unknown;
    tokens?: ChatTokens;
    limits?: Partial<ServerLimits>;
    logger?: Logger;
    /** SLACK_API_URL: response_url may point to its host (the tests' sinks are on loopback). */
    slackApiUrl?: string;
  },
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
    chatSettings: {
      slack: { signingSecret: SLACK_SECRET, botToken: 'xoxb-test-token', apiUrl: opts.slackApiUrl ?? LOOPBACK_API },
      discord: { publicKey: opts.keys.publicKeyHex, applicationId: '4242', apiUrl: opts.discordApiUrl },
    },
    chat: {
      store,
      config,
      classifier: new Classifier(config.resolvedCategories),
      renderer: templateRenderer(),
      github: createGitHubClient({ baseUrl: opts.githubUrl, logger: silentLogger, retryUnitMs: 5 }),
      logger: opts.logger ?? silentLogger,
      tokens: { slack: 'xoxb-test-token', discord: 'bot-token', ...opts.tokens },
    },
    logger: opts.logger ?? silentLogger,
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
}
