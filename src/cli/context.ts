/**
 * The composition root. The one place that reads the environment (parsed once, by the env schema) and builds
 * what the commands use: config, classifier, logger, store, GitHub client, renderer, senders, SMTP. Each is
 * built on first use and its module loaded then (dynamic `import()`), so a command pays only for what it
 * uses: `parse` never loads the store or Octokit, a quiet `poll` never loads the templates. Commands get a
 * Context from main.ts; they build no adapter themselves. `close()` releases what was opened.
 */
import type { Logger } from 'pino';
import type { Classifier } from '../classify/classifier.js';
import type { Env } from '../config/env-schema.js';
import type { LoadedConfig } from '../config/load.js';
import type { ChatTokens } from '../deliver/chat-routes.js';
import type { Sender } from '../platforms/sender.js';
import type { TemplateRenderer } from '../render/templates.js';
import type { Destination } from '../config/schema.js';
import type { Redactor } from '../domain/redact.js';
import type { GitHubLinks } from '../domain/github-links.js';
import type { MailTransport } from '../digest/run-digest.js';
import type { GitHubClient } from '../github/client.js';
import type { DiscordSettings } from '../platforms/discord-channel/receiver.js';
import type { SlackSettings } from '../platforms/slack/receiver.js';
import type { StoreLocation } from '../store/location.js';
import type { Store } from '../store/store.js';
import { UsageError } from '../domain/errors.js';
import type { Io } from './io.js';

export interface ContextOptions {
  /** --config */
  config?: string;
  /** --db */
  db?: string;
}

/** Memoizes an async factory: built once, on first call. */
function once<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => (built ??= build());
}

export type SmtpTransport = MailTransport & { close(): void };

export async function createSmtpTransport(url: string): Promise<SmtpTransport> {
  const { default: nodemailer } = await import('nodemailer');
  // Pooled and rate-limited: a few connections, at most 5 messages a second.
  return nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 2,
    maxMessages: 100,
    rateDelta: 1000,
    rateLimit: 5,
  } as never) as unknown as SmtpTransport;
}

export class Context {
  private readonly closers: (() => unknown)[] = [];

  constructor(
    readonly io: Io,
    private readonly opts: ContextOptions = {},
  ) {}

  /** The environment, parsed once; a bad variable is a UsageError naming it. */
  readonly env = once(async (): Promise<Env> => (await import('../config/env-schema.js')).parseEnv(this.io.env));

  /**
   * Where web links point: GitHub, or GITHUB_SERVER_URL's host (GitHub Enterprise). Read without the env schema,
   * so that `parse` stays free of zod: a value that is not a URL means github.com, as the schema would say.
   */
  readonly links = once(
    async (): Promise<GitHubLinks> =>
      new (await import('../domain/github-links.js')).GitHubLinks(this.io.env.GITHUB_SERVER_URL),
  );

  /**
   * The one redactor (src/domain/redact.ts), knowing the values of the variables the env schema flags (and the
   * password inside a secret URL), and of secret-named variables the config may use; the senders add the
   * destinations' credentials. Every platform's secret shapes from the start (src/platforms/schemas.ts),
   * so a token that was never registered is hidden in any command's first error.
   */
  readonly redactor = once(async (): Promise<Redactor> => {
    const [{ secretValues }, { Redactor }, { ALL_SECRET_SHAPES }] = await Promise.all([
      import('../config/env-schema.js'),
      import('../domain/redact.js'),
      import('../platforms/schemas.js'),
    ]);
    return new Redactor(ALL_SECRET_SHAPES).add(secretValues(this.io.env)).addFromEnv(this.io.env);
  });

  /** pino to the Io's standard error, at LOG_LEVEL, redacting every secret; for a person when it is a terminal. */
  readonly logger = once(async (): Promise<Logger> => {
    const [env, { createLogger }, redactor] = await Promise.all([this.env(), import('../log.js'), this.redactor()]);
    return createLogger({ level: env.LOG_LEVEL, write: this.io.err, redactor, human: this.io.errIsTTY === true });
  });

  /**
   * --config FILE, else ./release-radar.yaml, else the built-in default (from the build's cache when it is
   * current: no YAML parser, no zod); `${VAR}`s from the raw environment.
   */
  readonly config = once(async (): Promise<LoadedConfig> => {
    const [{ resolveConfigFile }, { cachedDefaultConfig }, { DEFAULT_CONFIG_FILE }] = await Promise.all([
      import('../config/locate.js'),
      import('../config/builtin-cache.js'),
      import('../paths.js'),
    ]);
    const file = resolveConfigFile(this.opts.config);
    const cached = file === DEFAULT_CONFIG_FILE ? cachedDefaultConfig() : null;
    return cached ?? (await import('../config/load.js')).loadConfig(file, this.io.env);
  });

  readonly classifier = once(async (): Promise<Classifier> => {
    const [config, { Classifier }] = await Promise.all([this.config(), import('../classify/classifier.js')]);
    return new Classifier(config.resolvedCategories);
  });

  private readonly renderers = new Map<boolean, Promise<TemplateRenderer>>();
  /**
   * The built-in templates, overridden file by file by the config's `templates:` folder. With `siteLinks`
   * (the default), messages link "full list" to the site's pages when the config has `site.base_url`.
   */
  renderer({ siteLinks = true }: { siteLinks?: boolean } = {}): Promise<TemplateRenderer> {
    let built = this.renderers.get(siteLinks);
    if (!built) {
      built = (async () => {
        const [config, links, { templateRenderer }, { dirname, resolve }] = await Promise.all([
          this.config(),
          this.links(),
          import('../platforms/registry.js'),
          import('node:path'),
        ]);
        const dir = config.templates ? resolve(dirname(config.file), config.templates) : undefined;
        return templateRenderer(dir, { links, ...(siteLinks ? { siteBaseUrl: config.site?.base_url } : {}) });
      })();
      this.renderers.set(siteLinks, built);
    }
    return built;
  }

  readonly github = once(async (): Promise<GitHubClient> => {
    const [env, logger, links, { createGitHubClient }] = await Promise.all([
      this.env(),
      this.logger(),
      this.links(),
      import('../github/client.js'),
    ]);
    return createGitHubClient({ baseUrl: env.GITHUB_API_URL, token: env.GITHUB_TOKEN, logger, links });
  });

  /** DATABASE_URL, else --db, else the default file; a dry run with no store yet works in memory. */
  async storeLocation(dryRun = false): Promise<StoreLocation> {
    const [env, { storeLocation }] = await Promise.all([this.env(), import('../store/location.js')]);
    return storeLocation(env.DATABASE_URL, this.opts.db, dryRun);
  }

  private openedStore: Promise<Store> | undefined;
  /** The store, opened (and migrated) on first use, closed by `close()`. */
  store(dryRun = false): Promise<Store> {
    return (this.openedStore ??= (async () => {
      // The logger hears a PostgreSQL connection the server drops (the pool reconnects).
      const [loc, { Store }, logger] = await Promise.all([
        this.storeLocation(dryRun),
        import('../store/store.js'),
        this.logger(),
      ]);
      const store = await Store.open(loc, { logger });
      this.closers.push(() => store.close());
      return store;
    })());
  }

  /** A sender per destination, by its platform: Slack and Discord clients on SLACK_API_URL / DISCORD_API_URL. */
  readonly senders = once(async (): Promise<(d: Destination) => Promise<Sender>> => {
    const [env, logger, redactor, { senderFactory }] = await Promise.all([
      this.env(),
      this.logger(),
      this.redactor(),
      import('../platforms/registry.js'),
    ]);
    return senderFactory({ apiUrls: { slack: env.SLACK_API_URL, discord: env.DISCORD_API_URL }, logger }, redactor);
  });

  /** The config's `email.smtp_url`, else SMTP_URL. */
  async smtpUrl(): Promise<string | undefined> {
    const [config, env] = await Promise.all([this.config(), this.env()]);
    return config.email?.smtp_url ?? env.SMTP_URL;
  }

  /** A pooled SMTP transport, closed by `close()`. */
  async smtp(url: string): Promise<SmtpTransport> {
    const transport = await createSmtpTransport(url);
    this.closers.push(() => transport.close());
    return transport;
  }

  /** The bot tokens that chat-made subscriptions post with. */
  async chatTokens(): Promise<ChatTokens> {
    const env = await this.env();
    return { slack: env.SLACK_BOT_TOKEN, discord: env.DISCORD_BOT_TOKEN };
  }

  /** Which chat platforms `serve` turns on: each when its secrets are set. */
  async chatPlatforms(): Promise<{ slack?: SlackSettings; discord?: DiscordSettings }> {
    const env = await this.env();
    return {
      ...(env.SLACK_SIGNING_SECRET && env.SLACK_BOT_TOKEN
        ? {
            slack: {
              signingSecret: env.SLACK_SIGNING_SECRET,
              botToken: env.SLACK_BOT_TOKEN,
              appToken: env.SLACK_APP_TOKEN,
              apiUrl: env.SLACK_API_URL,
            },
          }
        : {}),
      ...(env.DISCORD_PUBLIC_KEY && env.DISCORD_APPLICATION_ID
        ? {
            discord: {
              publicKey: env.DISCORD_PUBLIC_KEY,
              applicationId: env.DISCORD_APPLICATION_ID,
              apiUrl: env.DISCORD_API_URL,
            },
          }
        : {}),
    };
  }

  /** @discordjs/rest with the bot token, to register application commands. */
  async discordCommandsApi() {
    const env = await this.env();
    const applicationId = env.DISCORD_APPLICATION_ID;
    const token = env.DISCORD_BOT_TOKEN;
    if (!applicationId || !token)
      throw new UsageError(
        'set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN to register the command (or use --dry-run to print it)',
      );
    const [{ REST }, { Routes }, { discordRest }] = await Promise.all([
      import('@discordjs/rest'),
      import('discord-api-types/v10'),
      import('../platforms/discord/sender.js'),
    ]);
    return { rest: new REST(discordRest(env.DISCORD_API_URL)).setToken(token), Routes, applicationId };
  }

  /** Step outputs for GitHub Actions, through the Io's writer, when the environment names the outputs file. */
  async reportOutputs(values: Record<string, number>): Promise<void> {
    const env = await this.env();
    if (env.GITHUB_OUTPUT && this.io.report) await this.io.report.outputs(values);
  }

  /** Markdown for the GitHub Actions job summary, through the Io's writer, when the environment names its file. */
  async reportSummary(markdown: string): Promise<void> {
    const env = await this.env();
    if (env.GITHUB_STEP_SUMMARY && this.io.report) await this.io.report.summary(markdown);
  }

  /** Text with every secret of the environment replaced: for error messages, which leave through no logger. */
  async redact(text: string): Promise<string> {
    return (await this.redactor()).redact(text);
  }

  /** Closes what was opened, last first. */
  async close(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
  }
}
