/** `release-radar serve`, `query` and `discord register-commands`. */
import { contextFromConfig, resolveRepo } from '../chat/commands.js';
import { discordCommandDefinition } from '../chat/discord-command.js';
import { findRelease } from '../chat/find-release.js';
import { queryJson } from '../chat/query-json.js';
import { UsageError } from '../domain/errors.js';
import { renderNotesMarkdown } from '../render/notes-markdown.js';
import type { Context } from './context.js';
import { checkChoice } from './input.js';

interface Common {
  config?: string;
  db?: string;
}

/** What chat answers need: the store, config, classifier, templates and GitHub (for notes not stored yet). */
async function chatDeps(ctx: Context) {
  const [config, logger, store, classifier, github, renderer, tokens] = await Promise.all([ctx.config(), ctx.logger(), ctx.store(), ctx.classifier(), ctx.github(), ctx.renderer(), ctx.chatTokens()]);
  // Subscriptions are checked against the tokens poll will post with (the same environment, as a rule).
  return { config, logger, store, classifier, github, renderer, tokens };
}

export async function serveCommand(opts: Common & { port: string; host: string }, ctx: Context, untilSignal = true): Promise<number> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid --port "${opts.port}": expected 0-65535`);
  const [deps, platforms, { startServer }] = await Promise.all([chatDeps(ctx), ctx.chatPlatforms(), import('../serve/server.js')]);
  if (!platforms.slack && !platforms.discord) {
    deps.logger.warn('no chat platform enabled: set SLACK_SIGNING_SECRET + SLACK_BOT_TOKEN and/or DISCORD_PUBLIC_KEY + DISCORD_APPLICATION_ID');
  }
  const server = await startServer({ port, host: opts.host, ...platforms, chat: deps, logger: deps.logger });
  ctx.io.out(`release-radar serving on ${server.url} (slack: ${server.slack}, discord: ${server.discord ? 'on' : 'off'})\n`);
  if (!untilSignal) return 0;
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

export async function queryCommand(repoArg: string, category: string | undefined, opts: Common & { release?: string; format: string }, ctx: Context): Promise<number> {
  const { io } = ctx;
  const format = checkChoice('--format', opts.format, ['text', 'json'] as const);
  const config = await ctx.config();
  const categories = Object.keys(config.resolvedCategories);
  const repo = resolveRepo(repoArg, contextFromConfig(config.repos, categories));
  if (!repo) throw new UsageError(`unknown repo "${repoArg}": give OWNER/NAME or an alias from the config`);
  if (category && !categories.includes(category)) throw new UsageError(`unknown category "${category}": known categories are ${categories.join(', ')}`);
  const [store, github, classifier] = await Promise.all([ctx.store(), ctx.github(), ctx.classifier()]);
  const notes = await findRelease({ store, github, classifier }, repo, opts.release);
  if (!notes) {
    io.err(`release-radar: no ${opts.release ? `release ${opts.release}` : 'release'} of ${repo} found\n`);
    return 1;
  }
  const shown = category ? [category] : categories;
  if (format === 'json') {
    io.out(JSON.stringify(queryJson(notes, shown), null, 2) + '\n');
  } else {
    const body = renderNotesMarkdown(repo, notes.items.filter((i) => !i.group), shown, !category, `${repo} ${notes.tag}`);
    io.out(notes.url ? `${body}\nFull notes: ${notes.url}\n` : body);
  }
  return 0;
}

export async function registerDiscordCommands(opts: Common & { guild?: string; dryRun?: boolean }, ctx: Context): Promise<number> {
  const { io } = ctx;
  const config = await ctx.config();
  const body = [discordCommandDefinition(config.repos.map((r) => r.name), Object.keys(config.resolvedCategories))];
  if (opts.dryRun) {
    io.out(JSON.stringify(body, null, 2) + '\n');
    return 0;
  }
  const { rest, Routes, applicationId } = await ctx.discordCommandsApi();
  const route = opts.guild ? Routes.applicationGuildCommands(applicationId, opts.guild) : Routes.applicationCommands(applicationId);
  try {
    await rest.put(route, { body });
  } catch (e) {
    io.err(`release-radar: registering the command failed: ${(e as Error).message}\n`);
    return 1;
  }
  io.out(`registered /releases ${opts.guild ? `in guild ${opts.guild} (available at once)` : 'globally (may take up to an hour to appear)'}\n`);
  return 0;
}
