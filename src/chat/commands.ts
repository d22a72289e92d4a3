/**
 * `/releases ...` as typed in Slack (or built from Discord options): parsed into one command model, so
 * both platforms behave the same. Pure; a wrong command becomes a `usage` answer, never an exception.
 */
import { CHANGE_KINDS, isChangeKind, type ChangeKind } from '../../parsers/change.js';
import { parseRange, type RangeSpec } from '../report/range.js';

export type ChatCommand =
  | {
      kind: 'query';
      repo: string;
      category?: string;
      version?: string;
      /** `2.5..2.10` or `since 2.5`: an upgrade report instead of one release. */
      range?: RangeSpec;
      public: boolean;
      untracked?: boolean;
    }
  | { kind: 'category'; category: string; public: boolean }
  | {
      kind: 'subscribe';
      repos: string[] | 'all';
      categories: string[] | 'all';
      prereleases: boolean;
      breakingOnly: boolean;
      /** `--tags GLOB,...`: only releases whose tag matches; `!GLOB` never. */
      tags?: string[];
      excludeTags?: string[];
      /** `--changes breaking,feature`: kinds of change to post; absent: every kind. */
      changes?: ChangeKind[];
    }
  | { kind: 'unsubscribe'; repos: string[] | 'all'; categories: string[] | 'all' }
  | { kind: 'list' }
  | { kind: 'help' }
  | { kind: 'usage'; message: string };

export interface CommandContext {
  /** owner/name of every tracked repo, and aliases (lower case) to owner/name. */
  repos: string[];
  aliases: Record<string, string>;
  categories: string[];
  /** Queries may name repos the config does not track (`chat.allow_untracked`). */
  allowUntracked?: boolean;
}

/** Longest command text answered; longer ones (a 900 KB "version") get a usage answer and cost nothing. */
export const MAX_COMMAND_CHARS = 200;

/**
 * GitHub's rules for owner and repository names: letters, digits, `-`, `_`, `.`; never `.` or `..` (which
 * would climb out of /repos/{owner}/{repo} in a URL). Owners are at most 39 characters, names 100.
 */
export function isRepoName(s: string): boolean {
  const parts = s.split('/');
  if (parts.length !== 2) return false;
  const [owner, name] = parts as [string, string];
  const ok = (p: string, max: number) =>
    p.length > 0 && p.length <= max && /^[A-Za-z0-9_.-]+$/.test(p) && p !== '.' && p !== '..';
  return ok(owner, 39) && ok(name, 100);
}

export const USAGE = [
  '`/releases <repo> [category] [version|latest-rc] [--public]`: the categorized notes of a release',
  '`/releases <repo> [category] <from>..<to>|since <from> [--public]`: what changes across versions (an upgrade report)',
  '`/releases <category> [--public]`: that category in the latest release of every tracked repo',
  '`/releases subscribe <repo|all> <category...|all> [--prereleases] [--breaking-only] [--changes KIND,...] [--tags GLOB,...]`: post new releases here',
  '`/releases unsubscribe <repo|all> <category...|all>`',
  "`/releases list`: this channel's subscriptions",
  '`/releases help`',
].join('\n');

/** owner/name for `pytorch`, `torch`, `pytorch/pytorch` or any owner/name; null if unknown. */
export function resolveRepo(token: string, ctx: CommandContext): string | null {
  const t = token.toLowerCase();
  if (ctx.aliases[t]) return ctx.aliases[t]!;
  const exact = ctx.repos.find((r) => r.toLowerCase() === t);
  if (exact) return exact;
  if (isRepoName(token)) return token;
  const byName = ctx.repos.filter((r) => r.split('/')[1]!.toLowerCase() === t);
  return byName.length === 1 ? byName[0]! : null;
}

export function contextFromConfig(
  repos: readonly { name: string; aliases: string[] }[],
  categories: readonly string[],
  opts: { allowUntracked?: boolean } = {},
): CommandContext {
  const aliases: Record<string, string> = {};
  for (const r of repos) for (const a of r.aliases) aliases[a.toLowerCase()] = r.name;
  return {
    repos: repos.map((r) => r.name),
    aliases,
    categories: [...categories],
    allowUntracked: !!opts.allowUntracked,
  };
}

const isTracked = (repo: string, ctx: CommandContext) => ctx.repos.some((r) => r.toLowerCase() === repo.toLowerCase());
const notTracked = (repo: string, ctx: CommandContext): ChatCommand =>
  usage(`\`${repo}\` is not tracked here. Tracked: ${ctx.repos.join(', ') || 'none'}.`);

const usage = (why: string): ChatCommand => ({ kind: 'usage', message: `${why}\n${USAGE}` });

function reposAndCategories(
  words: string[],
  ctx: CommandContext,
  verb: string,
): { repos: string[] | 'all'; categories: string[] | 'all' } | ChatCommand {
  const [repoWord, ...cats] = words;
  if (!repoWord) return usage(`\`${verb}\` needs a repo (or \`all\`) and categories (or \`all\`).`);
  let repos: string[] | 'all' = 'all';
  if (repoWord.toLowerCase() !== 'all') {
    const repo = resolveRepo(repoWord, ctx);
    if (!repo) return usage(`Unknown repo \`${repoWord}\`. Tracked: ${ctx.repos.join(', ')}.`);
    if (!isTracked(repo, ctx)) return notTracked(repo, ctx); // poll reads only the tracked repos
    repos = [repo];
  }
  if (!cats.length) return usage(`\`${verb}\` needs categories (or \`all\`): ${ctx.categories.join(', ')}.`);
  if (cats.some((c) => c.toLowerCase() === 'all')) return { repos, categories: 'all' };
  const unknown = cats.filter((c) => !ctx.categories.includes(c.toLowerCase()));
  if (unknown.length)
    return usage(
      `Unknown categor${unknown.length > 1 ? 'ies' : 'y'} ${unknown.map((c) => `\`${c}\``).join(', ')}. Known: ${ctx.categories.join(', ')}.`,
    );
  return { repos, categories: [...new Set(cats.map((c) => c.toLowerCase()))] };
}

/** `--name VALUE` or `--name=VALUE` taken out of the words: its value is not a word of the command. */
function takeOption(words: string[], name: string): { words: string[]; value?: string } {
  const at = words.findIndex((w) => w.toLowerCase() === `--${name}` || w.toLowerCase().startsWith(`--${name}=`));
  if (at < 0) return { words };
  const inline = words[at]!.includes('=');
  const value = inline ? words[at]!.slice(words[at]!.indexOf('=') + 1) : (words[at + 1] ?? '');
  return { words: [...words.slice(0, at), ...words.slice(at + (inline ? 1 : 2))], value };
}

/** `--tags a/*,!b/*`: tag globs for `subscribe` (a leading `!` excludes). */
function takeTags(
  all: string[],
): { words: string[]; tags?: { tags: string[]; excludeTags: string[] } } | { error: string } {
  const { words, value } = takeOption(all, 'tags');
  if (value === undefined) return { words };
  if (!value || value.startsWith('--'))
    return { error: '`--tags` needs tag globs, comma-separated: `--tags pkg-a/*` or `--tags pkg-a/*,!*-rc*`.' };
  const globs = value.split(',').filter(Boolean);
  return {
    words,
    tags: {
      tags: globs.filter((g) => !g.startsWith('!')),
      excludeTags: globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1)),
    },
  };
}

/** `--changes a,b`: the kinds of change to post, or a usage answer. */
function takeChanges(all: string[]): { words: string[]; changes?: ChangeKind[] } | ChatCommand {
  const { words, value } = takeOption(all, 'changes');
  if (value === undefined) return { words };
  const kinds = value
    .toLowerCase()
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const unknown = kinds.filter((k) => !isChangeKind(k));
  if (!kinds.length || unknown.length)
    return usage(
      `\`--changes\` takes kinds of change, comma-separated${unknown.length ? ` (unknown: ${unknown.map((k) => `\`${k}\``).join(', ')})` : ''}: ${CHANGE_KINDS.join(', ')}.`,
    );
  return { words, changes: [...new Set(kinds as ChangeKind[])] };
}

export function parseCommandText(text: string, ctx: CommandContext): ChatCommand {
  if (text.length > MAX_COMMAND_CHARS)
    return usage(`That command is ${text.length} characters long; at most ${MAX_COMMAND_CHARS} are read.`);
  const tagged = takeTags(text.trim().split(/\s+/).filter(Boolean));
  if ('error' in tagged) return usage(tagged.error);
  const taken = takeChanges(tagged.words);
  if ('kind' in taken) return taken;
  const words = taken.words;
  const flags = new Set(words.filter((w) => w.startsWith('--')).map((w) => w.toLowerCase()));
  const args = words.filter((w) => !w.startsWith('--'));
  const [first, ...rest] = args;
  if (!first || first.toLowerCase() === 'help') return { kind: 'help' };
  const verb = first.toLowerCase();
  const known = (allowed: string[]) => [...flags].filter((f) => !allowed.includes(f));

  if (verb === 'list') return rest.length ? usage('`list` takes no arguments.') : { kind: 'list' };
  if (tagged.tags && verb !== 'subscribe') return usage('`--tags` is for `subscribe`.');
  if (taken.changes && verb !== 'subscribe') return usage('`--changes` is for `subscribe`.');
  if (verb === 'subscribe' || verb === 'unsubscribe') {
    const bad = known(verb === 'subscribe' ? ['--prereleases', '--breaking-only'] : []);
    if (bad.length) return usage(`Unknown option ${bad.join(', ')} for \`${verb}\`.`);
    const rc = reposAndCategories(rest, ctx, verb);
    if ('kind' in rc) return rc;
    return verb === 'subscribe'
      ? {
          kind: 'subscribe',
          ...rc,
          prereleases: flags.has('--prereleases'),
          breakingOnly: flags.has('--breaking-only'),
          ...(tagged.tags?.tags.length ? { tags: tagged.tags.tags } : {}),
          ...(tagged.tags?.excludeTags.length ? { excludeTags: tagged.tags.excludeTags } : {}),
          ...(taken.changes ? { changes: taken.changes } : {}),
        }
      : { kind: 'unsubscribe', ...rc };
  }
  const bad = known(['--public']);
  if (bad.length) return usage(`Unknown option ${bad.join(', ')}.`);
  if (taken.changes) return usage('`--changes` is for `subscribe`.');
  const pub = flags.has('--public');
  const repo = resolveRepo(first, ctx);
  if (!repo) {
    if (ctx.categories.includes(verb) && !rest.length) return { kind: 'category', category: verb, public: pub };
    return usage(
      `Unknown repo or category \`${first}\`. Repos: ${ctx.repos.join(', ')}; categories: ${ctx.categories.join(', ')}.`,
    );
  }
  let category: string | undefined;
  let version: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (!category && ctx.categories.includes(w.toLowerCase())) category = w.toLowerCase();
    else if (!version && w.toLowerCase() === 'since' && rest[i + 1]) version = `${rest[++i]}..`;
    else if (!version) version = w;
    else return usage(`Too many arguments: \`${w}\`.`);
  }
  let range: RangeSpec | undefined;
  if (version?.includes('..')) {
    try {
      range = parseRange(version);
    } catch (e) {
      return usage(`${(e as Error).message}.`);
    }
  }
  const untracked = !isTracked(repo, ctx);
  if (untracked && !ctx.allowUntracked) return notTracked(repo, ctx);
  return {
    kind: 'query',
    repo,
    ...(category ? { category } : {}),
    ...(range ? { range } : version ? { version } : {}),
    public: pub,
    ...(untracked ? { untracked } : {}),
  };
}
