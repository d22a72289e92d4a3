/** `release-radar serve`, `query` and `discord register-commands`. */
import { dirname, resolve } from 'node:path';
import { Classifier } from '../classify/classifier.js';
import { contextFromConfig, resolveRepo } from '../chat/commands.js';
import { discordCommandDefinition } from '../chat/discord-command.js';
import { findRelease } from '../chat/find-release.js';
import { queryJson } from '../chat/query-json.js';
import { UsageError } from '../domain/errors.js';
import { loadConfig } from '../config/load.js';
import { TemplateRenderer } from '../deliver/templates.js';
import { DEFAULT_DISCORD_API } from '../deliver/senders/discord.js';
import { createGitHubClient } from '../github/client.js';
import { createLogger } from '../log.js';
import { renderNotesMarkdown } from '../render/notes-markdown.js';
import { checkCron, parseEvery, Scheduler } from '../serve/scheduler.js';
import { startServer } from '../serve/server.js';
import { Store } from '../store/store.js';
import { checkChoice } from './input.js';
import { writePreviewPages } from './previews.js';
import { notesReply } from '../chat/replies.js';
import type { Io } from './io.js';
import { digestJob, pollJob } from './serve-jobs.js';
import { storeLocation } from '../store/location.js';

interface Common {
  config?: string;
  db?: string;
}

async function setup(opts: Common, io: Io) {
  const config = loadConfig(opts.config, io.env);
  const logger = createLogger(io.env, io.err);
  const store = await Store.open(storeLocation(io.env, opts.db), { logger });
  const classifier = new Classifier(config.resolvedCategories);
  const github = createGitHubClient({ baseUrl: io.env.GITHUB_API_URL, token: io.env.GITHUB_TOKEN, logger });
  const renderer = new TemplateRenderer(config.templates ? resolve(dirname(config.file), config.templates) : undefined, { siteBaseUrl: config.site?.base_url });
  return { config, logger, store, classifier, github, renderer };
}

export interface ServeCommandOptions extends Common {
  port: string;
  host: string;
  pollEvery?: string;
  digestSchedule?: string;
}

/** SIGTERM to exit: at most this long (orchestrators kill at 10 s by default). */
const SHUTDOWN_BUDGET_MS = 9000;

export async function serveCommand(opts: ServeCommandOptions, io: Io, untilSignal = true): Promise<number> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid --port "${opts.port}": expected 0-65535`);
  const pollEverySec = opts.pollEvery ? usage(() => parseEvery(opts.pollEvery!)) : undefined;
  if (opts.digestSchedule) usage(() => checkCron(opts.digestSchedule!));
  const s = await setup(opts, io);
  if (opts.digestSchedule && !s.config.digests.length) throw new UsageError(`${s.config.file}: --digest-schedule given but no digests configured (add a \`digests:\` section)`);
  if (!(io.env.SLACK_SIGNING_SECRET && io.env.SLACK_BOT_TOKEN) && !(io.env.DISCORD_PUBLIC_KEY && io.env.DISCORD_APPLICATION_ID) && !io.env.DISCORD_BOT_TOKEN && !pollEverySec) {
    s.logger.warn('no chat platform enabled: set SLACK_SIGNING_SECRET + SLACK_BOT_TOKEN and/or DISCORD_PUBLIC_KEY + DISCORD_APPLICATION_ID (or DISCORD_BOT_TOKEN alone: the gateway)');
  }
  const jobDeps = { ...s, env: io.env };
  const scheduler = new Scheduler({
    store: s.store,
    logger: s.logger,
    pollEverySec,
    digestSchedule: opts.digestSchedule,
    jobs: { poll: pollJob(jobDeps), digest: digestJob(jobDeps) },
  });
  const health = async () => scheduler.status();
  const server = await startServer({ port, host: opts.host, env: io.env, chat: { ...s, logger: s.logger }, logger: s.logger, health });
  scheduler.start();
  io.out(
    `release-radar serving on ${server.url} (slack: ${server.slack}, discord: ${server.discordGateway ? 'gateway' : server.discord ? 'on' : 'off'}` +
      `${pollEverySec ? `, polling every ${opts.pollEvery}` : ''}${opts.digestSchedule ? `, digests "${opts.digestSchedule}" UTC` : ''})\n`,
  );
  if (!untilSignal) return 0;
  const signal = await new Promise<string>((resolveStop) => {
    process.once('SIGINT', () => resolveStop('SIGINT'));
    process.once('SIGTERM', () => resolveStop('SIGTERM'));
  });
  // Stop taking commands, let the message in flight finish (the rest stay pending in the outbox for the next
  // run or another replica), close the store. Past the budget, exit anyway: the outbox loses nothing.
  s.logger.info({ signal }, 'shutting down');
  const deadline = setTimeout(() => {
    s.logger.warn('shutdown took too long: exiting with work left pending in the outbox');
    process.exit(0);
  }, SHUTDOWN_BUDGET_MS);
  deadline.unref();
  await Promise.all([server.close(), scheduler.stop()]);
  await s.store.close();
  clearTimeout(deadline);
  s.logger.info('stopped');
  return 0;
}

function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export async function queryCommand(repoArg: string, category: string | undefined, opts: Common & { release?: string; format: string; preview?: string }, io: Io): Promise<number> {
  const format = checkChoice('--format', opts.format, ['text', 'json'] as const);
  const s = await setup(opts, io);
  try {
    const categories = Object.keys(s.config.resolvedCategories);
    const repo = resolveRepo(repoArg, contextFromConfig(s.config.repos, categories));
    if (!repo) throw new UsageError(`unknown repo "${repoArg}": give OWNER/NAME or an alias from the config`);
    if (category && !categories.includes(category)) throw new UsageError(`unknown category "${category}": known categories are ${categories.join(', ')}`);
    const notes = await findRelease(s, repo, opts.release);
    if (!notes) {
      io.err(`release-radar: no ${opts.release ? `release ${opts.release}` : 'release'} of ${repo} found\n`);
      return 1;
    }
    const shown = category ? [category] : categories;
    if (opts.preview) {
      const title = `/releases ${repo}${category ? ` ${category}` : ''}${opts.release ? ` ${opts.release}` : ''}`;
      const pages = (['slack', 'discord'] as const).map((platform) => ({
        name: `query-${platform}`,
        type: `${platform} answer`,
        platform,
        threaded: false,
        conversations: [{ title, payloads: notesReply(s.renderer, platform, notes, shown) }],
      }));
      io.err(`preview: ${writePreviewPages(opts.preview, s.renderer, pages).join(', ')}\n`);
    }
    if (format === 'json') {
      io.out(JSON.stringify(queryJson(notes, shown), null, 2) + '\n');
    } else {
      const body = renderNotesMarkdown(repo, notes.items.filter((i) => !i.group), shown, !category, `${repo} ${notes.tag}`);
      io.out(notes.url ? `${body}\nFull notes: ${notes.url}\n` : body);
    }
    return 0;
  } finally {
    await s.store.close();
  }
}

export async function registerDiscordCommands(opts: Common & { guild?: string; dryRun?: boolean }, io: Io): Promise<number> {
  const config = loadConfig(opts.config, io.env);
  const appId = io.env.DISCORD_APPLICATION_ID;
  const body = [await discordCommandDefinition(config.repos.map((r) => r.name), Object.keys(config.resolvedCategories))];
  if (opts.dryRun) {
    io.out(JSON.stringify(body, null, 2) + '\n');
    return 0;
  }
  if (!appId || !io.env.DISCORD_BOT_TOKEN) throw new UsageError('set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN to register the command (or use --dry-run to print it)');
  const { REST, Routes } = await import('discord.js');
  const rest = new REST({ api: (io.env.DISCORD_API_URL ?? DEFAULT_DISCORD_API).replace(/\/+$/, '') }).setToken(io.env.DISCORD_BOT_TOKEN);
  const route = opts.guild ? Routes.applicationGuildCommands(appId, opts.guild) : Routes.applicationCommands(appId);
  try {
    await rest.put(route, { body });
  } catch (e) {
    io.err(`release-radar: registering the command failed: ${(e as Error).message}\n`);
    return 1;
  }
  io.out(`registered /releases ${opts.guild ? `in guild ${opts.guild} (available at once)` : 'globally (may take up to an hour to appear)'}\n`);
  return 0;
}
