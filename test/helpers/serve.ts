/** Starts `serve` in-process against a store, a fake GitHub and a fake Discord, with both platforms on. */
import { Classifier } from '../../src/classify/classifier.js';
import { validateConfig } from '../../src/config/load.js';
import { TemplateRenderer } from '../../src/deliver/templates.js';
import { createGitHubClient } from '../../src/github/client.js';
import { silentLogger } from '../../src/log.js';
import type { Logger } from 'pino';
import { startServer, type RunningServer, type ServerLimits } from '../../src/serve/server.js';
import type { Store } from '../../src/store/store.js';
import { SLACK_SECRET, type DiscordKeys } from '../../src/fakes/signing.js';

export async function startServe(
  store: Store,
  opts: { githubUrl: string; discordApiUrl: string; keys: DiscordKeys; config?: unknown; env?: NodeJS.ProcessEnv; limits?: Partial<ServerLimits>; logger?: Logger },
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
    env: {
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      DISCORD_PUBLIC_KEY: opts.keys.publicKeyHex,
      DISCORD_APPLICATION_ID: '4242',
      DISCORD_API_URL: opts.discordApiUrl,
      DISCORD_BOT_TOKEN: 'bot-token',
      ...opts.env,
    },
    chat: {
      store,
      config,
      classifier: new Classifier(config.resolvedCategories),
      renderer: new TemplateRenderer(),
      github: createGitHubClient({ baseUrl: opts.githubUrl, logger: silentLogger, retryUnitMs: 5 }),
      logger: opts.logger ?? silentLogger,
    },
    logger: opts.logger ?? silentLogger,
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
}
