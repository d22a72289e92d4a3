/** Answers a parsed `/releases` command for one channel: queries, and the channel's subscriptions. */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Classifier } from '../classify/classifier.js';
import type { LoadedConfig } from '../config/load.js';
import { unusableBecause, type ChatTokens } from '../deliver/chat-routes.js';
import { chatSurface } from '../platforms/chat-surfaces.js';
import type { ChatSurface } from '../platforms/types.js';
import type { TemplateRenderer } from '../render/templates.js';
import type { GitHubClient } from '../github/client.js';
import type { ChatSubscription } from '../domain/subscription.js';
import type { Store } from '../store/store.js';
import { USAGE, type ChatCommand } from './commands.js';
import { AnswerCache } from './answer-cache.js';
import { findRelease, isPublicRepo, storedRelease } from './find-release.js';
import type { ReleaseNotes } from '../domain/release-view.js';
import { SlidingWindowLimiter } from './rate-limit.js';
import { categoryModelInput, categoryReply, notesModelInput, notesReply, reportReply, warmed } from './replies.js';
import { describeTagFilter, filtersTags, type TagFilterSpec } from '../diff/tag-filter.js';
import { UsageError } from '../domain/errors.js';
import { gatherRange } from '../report/gather.js';
import { buildReport, type UpgradeReport } from '../report/model.js';
import { EVENT_TYPES } from '../diff/events.js';

export interface ChatDeps {
  store: Store;
  config: LoadedConfig;
  classifier: Classifier;
  renderer: TemplateRenderer;
  github?: GitHubClient;
  logger: Logger;
  now?: () => Date;
  /** The bot tokens `poll` will post with: a subscription it could not deliver is refused. */
  tokens?: ChatTokens;
}

export interface ChatRequest {
  /** The chat surface the command came from: its name (`slack`, `discord`), or the surface `serve` was given. */
  platform: string | ChatSurface;
  channelId: string;
  userId: string;
  command: ChatCommand;
}

export interface ChatReply {
  ephemeral: boolean;
  payloads: Record<string, unknown>[];
}

/** Lookups of untracked repos per channel (`chat.allow_untracked`), one limiter per set of deps (one server). */
const untrackedLimiters = new WeakMap<ChatDeps, SlidingWindowLimiter>();
function untrackedLimiter(deps: ChatDeps): SlidingWindowLimiter {
  let l = untrackedLimiters.get(deps);
  if (!l)
    untrackedLimiters.set(deps, (l = new SlidingWindowLimiter(deps.config.chat.untracked_lookups_per_hour, 3600_000)));
  return l;
}

/** Rendered query answers and the notes they come from, one cache of each per set of deps (one server). */
const caches = new WeakMap<
  ChatDeps,
  { answers: AnswerCache<Record<string, unknown>[]>; notes: AnswerCache<ReleaseNotes | null> }
>();
function cachesOf(deps: ChatDeps) {
  let c = caches.get(deps);
  // A few releases' items at most: a large release's are megabytes.
  if (!c) caches.set(deps, (c = { answers: new AnswerCache(), notes: new AnswerCache(4) }));
  return c;
}
const answers = (deps: ChatDeps) => cachesOf(deps).answers;

/** A release's notes: a stored revision's items are loaded once while they are asked for; others come from GitHub. */
async function notesOf(deps: ChatDeps, repo: string, version: string | undefined): Promise<ReleaseNotes | null> {
  const stored = await storedRelease(deps.store, repo, version);
  if (!stored) return findRelease(deps, repo, version);
  return cachesOf(deps).notes.get(`${stored.key}\u0000${stored.bodyHash}`, () => findRelease(deps, repo, version));
}

/** Lets the event loop answer waiting requests (acks, /healthz) between the steps of a large answer. */
const yieldToRequests = () => new Promise((r) => setImmediate(r));

/** The store's destination name for a chat channel. */
export const chatDestination = (platform: string, channelId: string) => `${platform}:${channelId}`;

/** A chat surface by name. */
function surfaceOf(name: string): ChatSurface {
  const surface = chatSurface(name);
  if (!surface) throw new Error(`no chat surface ${name}`);
  return surface;
}

/** One subscription per channel, repos and tag filter: a new one for the same adds categories to it. */
const subscriptionId = (destination: string, repos: string[], tags: TagFilterSpec) =>
  createHash('sha256')
    .update(
      `${destination}\u0000${JSON.stringify([...repos].sort())}` +
        (filtersTags(tags) ? `\u0000${JSON.stringify([tags.tags ?? [], tags.exclude_tags ?? []])}` : ''),
    )
    .digest('hex')
    .slice(0, 20);

const tagSpec = (s: { tags?: string[]; excludeTags?: string[] }): TagFilterSpec => ({
  tags: s.tags,
  exclude_tags: s.excludeTags,
});

function describe(s: ChatSubscription): string {
  const flags = [
    s.prereleases && 'pre-releases',
    s.breakingOnly && 'breaking only',
    filtersTags(tagSpec(s)) && describeTagFilter(tagSpec(s)),
    s.changes?.length && `only ${s.changes.join(', ')}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `${s.repos.length ? s.repos.join(', ') : 'all repos'}: ${s.categories.length ? s.categories.join(', ') : 'all categories'}${flags ? ` (${flags})` : ''}`;
}

/**
 * A repo the config does not track: allowed by chat.allow_untracked, for public repos, a few lookups an hour
 * per channel. Why not, or null.
 */
async function untrackedRefusal(deps: ChatDeps, repo: string, destination: string): Promise<string | null> {
  const wait = untrackedLimiter(deps).take(destination, Date.now());
  if (wait > 0)
    return `Too many lookups of untracked repos from this channel; try again in ${Math.ceil(wait / 60_000)} min. Tracked repos are not limited.`;
  if (!deps.github || !(await isPublicRepo(deps.github, repo))) return `No public repo ${repo} found.`;
  return null;
}

export async function handleCommand(deps: ChatDeps, req: ChatRequest): Promise<ChatReply> {
  const { command: cmd } = req;
  const surface = typeof req.platform === 'string' ? surfaceOf(req.platform) : req.platform;
  const say = (text: string, ephemeral = true): ChatReply => ({ ephemeral, payloads: [surface.textReply(text)] });
  const categories = Object.keys(deps.config.resolvedCategories);
  const destination = chatDestination(surface.name, req.channelId);
  const now = () => (deps.now?.() ?? new Date()).toISOString();

  switch (cmd.kind) {
    case 'help':
      return say(USAGE);
    case 'usage':
      return say(cmd.message);
    case 'list': {
      const subs = await deps.store.chatSubscriptions.list(destination);
      const fromConfig = deps.config.destinations
        .filter((d) => surface.channelOf(d) === req.channelId)
        .flatMap((d) => deps.config.subscriptions.filter((s) => s.destination === d.name))
        .map(
          (s) =>
            `${s.repos?.join(', ') ?? 'all repos'}: ${s.categories?.join(', ') ?? 'all categories'}${filtersTags(s) ? ` (${describeTagFilter(s)})` : ''} (from the config file)`,
        );
      const lines = [...subs.map(describe), ...fromConfig];
      return say(
        lines.length
          ? `This channel's subscriptions:\n${lines.map((l) => `• ${l}`).join('\n')}`
          : 'This channel has no subscriptions. Try `/releases subscribe all distributed`.',
      );
    }
    case 'subscribe':
    case 'unsubscribe': {
      const admins = deps.config.chat.admins;
      if (admins && !admins.includes(req.userId))
        return say("Only the configured admins can change this channel's subscriptions.");
      return cmd.kind === 'subscribe'
        ? subscribe(deps, surface, req.channelId, req.userId, cmd, now())
        : unsubscribe(deps, surface, destination, cmd, categories);
    }
    case 'query': {
      if (cmd.range) {
        let report: UpgradeReport;
        try {
          if (cmd.untracked) {
            const refused = await untrackedRefusal(deps, cmd.repo, destination);
            if (refused) return say(refused);
          }
          const gathered = await gatherRange(deps, cmd.repo, cmd.range, {});
          report = buildReport(gathered, { categories: cmd.category ? [cmd.category] : categories });
        } catch (e) {
          if (e instanceof UsageError) return say(e.message);
          deps.logger.warn({ err: (e as Error).message }, 'report failed');
          return say(`Could not read the releases of ${cmd.repo}: ${(e as Error).message}`);
        }
        return {
          ephemeral: !cmd.public,
          payloads: reportReply(deps.renderer, surface, report, cmd.category ? [cmd.category] : categories),
        };
      }
      const shown = cmd.category ? [cmd.category] : categories;
      // A stored release is answered from the cache: rendered (and its items loaded) once per revision.
      const stored = cmd.untracked ? undefined : await storedRelease(deps.store, cmd.repo, cmd.version);
      if (stored) {
        const key = ['query', surface.name, stored.key, stored.bodyHash, ...shown].join('\u0000');
        const payloads = await answers(deps).get(key, async () => {
          const notes = await notesOf(deps, cmd.repo, cmd.version);
          if (!notes) return [];
          const warm = await warmed(notesModelInput(notes, shown, deps.renderer.links), surface, yieldToRequests);
          return notesReply(deps.renderer, surface, notes, shown, warm);
        });
        if (payloads.length) return { ephemeral: !cmd.public, payloads };
      }
      let notes: ReleaseNotes | null;
      try {
        if (cmd.untracked) {
          const refused = await untrackedRefusal(deps, cmd.repo, destination);
          if (refused) return say(refused);
        }
        notes = await findRelease(deps, cmd.repo, cmd.version);
      } catch (e) {
        deps.logger.warn({ err: (e as Error).message }, 'query failed');
        return say(`Could not read the releases of ${cmd.repo}: ${(e as Error).message}`);
      }
      if (!notes) return say(`No ${cmd.version ? `release ${cmd.version}` : 'release'} of ${cmd.repo} found.`);
      return { ephemeral: !cmd.public, payloads: notesReply(deps.renderer, surface, notes, shown) };
    }
    case 'category': {
      // Cached when every tracked repo's latest release is stored: keyed by all their revisions.
      const latest = await Promise.all(deps.config.repos.map((r) => storedRelease(deps.store, r.name, undefined)));
      if (latest.every(Boolean)) {
        const key = ['category', surface.name, cmd.category, ...latest.map((r) => `${r!.key}:${r!.bodyHash}`)].join(
          '\u0000',
        );
        const payloads = await answers(deps).get(key, () => categoryPayloads(deps, surface, cmd.category));
        return { ephemeral: !cmd.public, payloads };
      }
      return { ephemeral: !cmd.public, payloads: await categoryPayloads(deps, surface, cmd.category) };
    }
  }
}

async function categoryPayloads(
  deps: ChatDeps,
  surface: ChatSurface,
  category: string,
): Promise<Record<string, unknown>[]> {
  const found: ReleaseNotes[] = [];
  for (const r of deps.config.repos) {
    try {
      const n = await notesOf(deps, r.name, undefined);
      if (n) found.push(n);
      await yieldToRequests();
    } catch (e) {
      deps.logger.warn({ repo: r.name, err: (e as Error).message }, 'query failed');
    }
  }
  const warm = await warmed(categoryModelInput(found, category, deps.renderer.links), surface, yieldToRequests);
  return categoryReply(deps.renderer, surface, found, category, warm);
}

async function subscribe(
  deps: ChatDeps,
  surface: ChatSurface,
  channelId: string,
  userId: string,
  cmd: Extract<ChatCommand, { kind: 'subscribe' }>,
  now: string,
): Promise<ChatReply> {
  const destination = chatDestination(surface.name, channelId);
  const repos = cmd.repos === 'all' ? [] : cmd.repos;
  const why = deps.tokens
    ? unusableBecause(
        surface,
        destination,
        repos,
        deps.tokens,
        deps.config.repos.map((r) => r.name),
      )
    : null;
  if (why)
    return {
      ephemeral: true,
      payloads: [
        surface.textReply(`Not subscribed: ${why}. Nothing would ever be posted here; ask whoever runs release-radar.`),
      ],
    };
  const id = subscriptionId(destination, repos, tagSpec(cmd));
  const existing = (await deps.store.chatSubscriptions.list(destination)).find((s) => s.id === id);
  // New categories add to what the channel has for these repos; `all` (stored as []) absorbs everything.
  const categories =
    cmd.categories === 'all' || (existing && existing.categories.length === 0)
      ? []
      : [...new Set([...(existing?.categories ?? []), ...cmd.categories])];
  const sub: ChatSubscription = {
    id,
    destination,
    surface: surface.name,
    channelId,
    repos,
    categories,
    events: [...EVENT_TYPES],
    prereleases: cmd.prereleases,
    breakingOnly: cmd.breakingOnly,
    tags: cmd.tags ?? [],
    excludeTags: cmd.excludeTags ?? [],
    ...(cmd.changes ? { changes: cmd.changes } : {}),
    createdBy: userId,
    createdAt: existing?.createdAt ?? now,
  };
  await deps.store.chatSubscriptions.save(sub);
  return {
    ephemeral: false,
    payloads: [surface.textReply(`Subscribed this channel to ${describe(sub)}. New releases will be posted here.`)],
  };
}

async function unsubscribe(
  deps: ChatDeps,
  surface: ChatSurface,
  destination: string,
  cmd: Extract<ChatCommand, { kind: 'unsubscribe' }>,
  allCategories: string[],
): Promise<ChatReply> {
  const subs = (await deps.store.chatSubscriptions.list(destination)).filter(
    (s) =>
      cmd.repos === 'all' ||
      (s.repos.length === cmd.repos.length && s.repos.every((r) => (cmd.repos as string[]).includes(r))),
  );
  if (!subs.length)
    return {
      ephemeral: true,
      payloads: [
        surface.textReply('Nothing to unsubscribe: no matching subscription in this channel. See `/releases list`.'),
      ],
    };
  const changed: string[] = [];
  for (const s of subs) {
    const current = s.categories.length ? s.categories : allCategories;
    const left = cmd.categories === 'all' ? [] : current.filter((c) => !(cmd.categories as string[]).includes(c));
    if (!left.length) {
      await deps.store.chatSubscriptions.delete(s.id);
      changed.push(`${s.repos.length ? s.repos.join(', ') : 'all repos'}: removed`);
    } else {
      await deps.store.chatSubscriptions.save({ ...s, categories: left });
      changed.push(describe({ ...s, categories: left }));
    }
  }
  return {
    ephemeral: false,
    payloads: [surface.textReply(`Updated this channel's subscriptions:\n${changed.map((c) => `• ${c}`).join('\n')}`)],
  };
}
