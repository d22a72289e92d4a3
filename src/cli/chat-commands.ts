/** `release-radar serve`, `query` and `discord register-commands`. */
import { contextFromConfig, resolveRepo } from '../chat/commands.js';
import { discordCommandDefinition } from '../chat/discord-command.js';
import { findRelease } from '../chat/find-release.js';
import { tagFilter } from '../diff/tag-filter.js';
import { queryJson } from '../domain/release-view.js';
import { requireEnv } from '../config/deferred-env.js';
import { UsageError } from '../domain/errors.js';
import { renderNotesMarkdown } from '../render/notes-markdown.js';
import { checkCron, parseEvery, Scheduler } from '../serve/scheduler.js';
import { createSmtpTransport, type Context } from './context.js';
import { checkChoice, unknownRepo } from './input.js';
import { digestJob, pollJob } from './serve-jobs.js';

interface Common {
  config?: string;
  db?: string;
}

/** What chat answers need: the store, config, classifier, templates and GitHub (for notes not stored yet). */
async function chatDeps(ctx: Context) {
  const [config, logger, store, classifier, github, renderer, tokens] = await Promise.all([
    ctx.config(),
    ctx.logger(),
    ctx.store(),
    ctx.classifier(),
    ctx.github(),
    ctx.renderer(),
    ctx.chatTokens(),
  ]);
  // Subscriptions are checked against the tokens poll will post with (the same environment, as a rule).
  return { config, logger, store, classifier, github, renderer, tokens };
}

export interface ServeCommandOptions extends Common {
  port: string;
  host: string;
  pollEvery?: string;
  digestSchedule?: string;
}

/** SIGTERM to exit: at most this long (orchestrators kill at 10 s by default). */
const SHUTDOWN_BUDGET_MS = 9000;

export async function serveCommand(opts: ServeCommandOptions, ctx: Context, untilSignal = true): Promise<number> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`invalid --port "${opts.port}": expected 0-65535`);
  const pollEverySec = opts.pollEvery ? usage(() => parseEvery(opts.pollEvery!)) : undefined;
  if (opts.digestSchedule) usage(() => checkCron(opts.digestSchedule!));
  const [deps, platforms, env, { startServer }] = await Promise.all([
    chatDeps(ctx),
    ctx.chatPlatforms(),
    ctx.env(),
    import('../serve/server.js'),
  ]);
  if (opts.digestSchedule && !deps.config.digests.length)
    throw new UsageError(
      `${deps.config.file}: --digest-schedule given but no digests configured (add a \`digests:\` section)`,
    );
  // The always-on bot sends: its jobs need the secrets of what they send with.
  if (pollEverySec) requireEnv(deps.config, ['destinations'], 'serve --poll-every sends with it');
  if (opts.digestSchedule) requireEnv(deps.config, ['email'], 'serve --digest-schedule sends mail with it');
  // Discord over the bot's gateway connection when asked for, or when there is a bot token and no public key.
  const discordGateway =
    env.DISCORD_BOT_TOKEN && (deps.config.chat.discord_gateway ?? !env.DISCORD_PUBLIC_KEY)
      ? { token: env.DISCORD_BOT_TOKEN, apiUrl: env.DISCORD_API_URL }
      : undefined;
  if (!platforms.slack && !platforms.discord && !discordGateway && !pollEverySec) {
    deps.logger.warn(
      'no chat platform enabled: set SLACK_SIGNING_SECRET + SLACK_BOT_TOKEN and/or DISCORD_PUBLIC_KEY + DISCORD_APPLICATION_ID (or DISCORD_BOT_TOKEN alone: the gateway)',
    );
  }
  const jobDeps = {
    ...deps,
    makeSender: await ctx.senders(),
    smtpUrl: await ctx.smtpUrl(),
    smtp: createSmtpTransport, // each digest job opens and closes its own
    redactor: await ctx.redactor(),
  };
  const scheduler = new Scheduler({
    store: deps.store,
    logger: deps.logger,
    pollEverySec,
    digestSchedule: opts.digestSchedule,
    jobs: { poll: pollJob(jobDeps, pollEverySec), digest: digestJob(jobDeps) },
  });
  const health = async () => scheduler.status();
  const server = await startServer({
    port,
    host: opts.host,
    chatSettings: {
      slack: platforms.slack,
      discord: platforms.discord || discordGateway ? { ...platforms.discord, gateway: discordGateway } : undefined,
    },
    chat: deps,
    logger: deps.logger,
    health,
  });
  scheduler.start();
  ctx.io.out(
    `release-radar serving on ${server.url} (${Object.entries(server.chat)
      .map(([surface, how]) => `${surface}: ${how}`)
      .join(', ')}` +
      `${pollEverySec ? `, polling every ${opts.pollEvery}` : ''}${opts.digestSchedule ? `, digests "${opts.digestSchedule}" UTC` : ''})\n`,
  );
  if (!untilSignal) return 0;
  // From here on this process is the always-on bot: an error a client library's handler throws is logged, not fatal.
  const { guardProcess } = await import('../serve/process-guard.js');
  const unguard = guardProcess(deps.logger);
  const signal = await new Promise<string>((resolveStop) => {
    process.once('SIGINT', () => resolveStop('SIGINT'));
    process.once('SIGTERM', () => resolveStop('SIGTERM'));
  });
  // Stop taking commands, let the message in flight finish (the rest stay pending in the outbox for the next
  // run or another replica), close the store. Past the budget, exit anyway: the outbox loses nothing.
  deps.logger.info({ signal }, 'shutting down');
  const deadline = setTimeout(() => {
    deps.logger.warn('shutdown took too long: exiting with work left pending in the outbox');
    process.exit(0);
  }, SHUTDOWN_BUDGET_MS);
  deadline.unref();
  await Promise.all([server.close(), scheduler.stop()]);
  clearTimeout(deadline);
  unguard();
  deps.logger.info('stopped');
  return 0;
}

function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export async function queryCommand(
  repoArg: string,
  category: string | undefined,
  opts: Common & { release?: string; tag?: string; format: string; preview?: string },
  ctx: Context,
): Promise<number> {
  const { io } = ctx;
  const format = checkChoice('--format', opts.format, ['text', 'json'] as const);
  const config = await ctx.config();
  const categories = Object.keys(config.resolvedCategories);
  const repo = resolveRepo(repoArg, contextFromConfig(config.repos, categories));
  if (!repo) throw unknownRepo(repoArg, config.repos);
  if (category && !categories.includes(category))
    throw new UsageError(`unknown category "${category}": known categories are ${categories.join(', ')}`);
  const [store, github, classifier] = await Promise.all([ctx.store(), ctx.github(), ctx.classifier()]);
  const admits = opts.tag ? tagFilter({ tags: [opts.tag] }) : undefined;
  const notes = await findRelease({ store, github, classifier }, repo, opts.release, admits);
  if (!notes) {
    const what = `${opts.release ? `release ${opts.release}` : 'release'}${opts.tag ? ` matching --tag ${opts.tag}` : ''}`;
    io.err(`release-radar: no ${what} of ${repo} found\n`);
    return 1;
  }
  const shown = category ? [category] : categories;
  if (opts.preview) {
    const [renderer, { notesReply }, { writePreviewPages }, { CHAT_SURFACES }, { platformOf }] = await Promise.all([
      ctx.renderer(),
      import('../chat/replies.js'),
      import('./previews.js'),
      import('../platforms/chat-surfaces.js'),
      import('../platforms/registry.js'),
    ]);
    const title = `/releases ${repo}${category ? ` ${category}` : ''}${opts.release ? ` ${opts.release}` : ''}`;
    const pages = CHAT_SURFACES.map((surface) => ({
      name: `query-${surface.name}`,
      type: `${surface.name} answer`,
      // A channel of the surface shows the answer as the surface's destinations show messages.
      preview: platformOf(surface.destination('preview', '0', 'preview')).preview,
      threaded: false,
      conversations: [{ title, payloads: notesReply(renderer, surface, notes, shown) }],
    }));
    io.err(`preview: ${writePreviewPages(opts.preview, renderer, pages).join(', ')}\n`);
  }
  if (format === 'json') {
    io.out(JSON.stringify(queryJson(notes, shown), null, 2) + '\n');
  } else {
    const body = renderNotesMarkdown(
      await ctx.links(),
      repo,
      notes.items.filter((i) => !i.group),
      shown,
      !category,
      `${repo} ${notes.tag}`,
    );
    io.out(notes.url ? `${body}\nFull notes: ${notes.url}\n` : body);
  }
  return 0;
}

export async function registerDiscordCommands(
  opts: Common & { guild?: string; dryRun?: boolean },
  ctx: Context,
): Promise<number> {
  const { io } = ctx;
  const config = await ctx.config();
  const body = [
    await discordCommandDefinition(
      config.repos.map((r) => r.name),
      Object.keys(config.resolvedCategories),
    ),
  ];
  if (opts.dryRun) {
    io.out(JSON.stringify(body, null, 2) + '\n');
    return 0;
  }
  const { rest, Routes, applicationId } = await ctx.discordCommandsApi();
  const route = opts.guild
    ? Routes.applicationGuildCommands(applicationId, opts.guild)
    : Routes.applicationCommands(applicationId);
  try {
    await rest.put(route, { body });
  } catch (e) {
    io.err(`release-radar: registering the command failed: ${(e as Error).message}\n`);
    return 1;
  }
  io.out(
    `registered /releases ${opts.guild ? `in guild ${opts.guild} (available at once)` : 'globally (may take up to an hour to appear)'}\n`,
  );
  return 0;
}
