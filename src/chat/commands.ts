/**
 * `/releases ...` as typed in Slack (or built from Discord options): parsed into one command model, so
 * both platforms behave the same. Pure; a wrong command becomes a `usage` answer, never an exception.
 */
import { CHANGE_KINDS, isChangeKind, type ChangeKind } from '../../parsers/change.js';

export type ChatCommand =
  | { kind: 'query'; repo: string; category?: string; version?: string; public: boolean; untracked?: boolean }
  | { kind: 'category'; category: string; public: boolean }
  | {
      kind: 'subscribe';
      repos: string[] | 'all';
      categories: string[] | 'all';
      prereleases: boolean;
      breakingOnly: boolean;
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
  '`/releases <category> [--public]`: that category in the latest release of every tracked repo',
  '`/releases subscribe <repo|all> <category...|all> [--prereleases] [--breaking-only] [--changes breaking,feature,...]`: post new releases here',
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

/** `--changes a,b` or `--changes=a,b` taken out of the words: the kinds, or a usage answer. */
function takeChanges(words: string[]): { words: string[]; changes?: ChangeKind[] } | ChatCommand {
  const at = words.findIndex((w) => /^--changes(=|$)/i.test(w));
  if (at < 0) return { words };
  const inline = words[at]!.includes('=');
  const value = inline ? words[at]!.slice(words[at]!.indexOf('=') + 1) : (words[at + 1] ?? '');
  const rest = [...words.slice(0, at), ...words.slice(at + (inline ? 1 : 2))];
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
  return { words: rest, changes: [...new Set(kinds as ChangeKind[])] };
}

export function parseCommandText(text: string, ctx: CommandContext): ChatCommand {
  if (text.length > MAX_COMMAND_CHARS)
    return usage(`That command is ${text.length} characters long; at most ${MAX_COMMAND_CHARS} are read.`);
  const taken = takeChanges(text.trim().split(/\s+/).filter(Boolean));
  if ('kind' in taken) return taken;
  const words = taken.words;
  const flags = new Set(words.filter((w) => w.startsWith('--')).map((w) => w.toLowerCase()));
  const args = words.filter((w) => !w.startsWith('--'));
  const [first, ...rest] = args;
  if (!first || first.toLowerCase() === 'help') return { kind: 'help' };
  const verb = first.toLowerCase();
  const known = (allowed: string[]) => [...flags].filter((f) => !allowed.includes(f));

  if (verb === 'list') return rest.length ? usage('`list` takes no arguments.') : { kind: 'list' };
  if (verb === 'subscribe' || verb === 'unsubscribe') {
    const bad = known(verb === 'subscribe' ? ['--prereleases', '--breaking-only'] : []);
    if (bad.length) return usage(`Unknown option ${bad.join(', ')} for \`${verb}\`.`);
    if (taken.changes && verb !== 'subscribe') return usage(`\`--changes\` is for \`subscribe\`.`);
    const rc = reposAndCategories(rest, ctx, verb);
    if ('kind' in rc) return rc;
    return verb === 'subscribe'
      ? {
          kind: 'subscribe',
          ...rc,
          prereleases: flags.has('--prereleases'),
          breakingOnly: flags.has('--breaking-only'),
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
  for (const w of rest) {
    if (!category && ctx.categories.includes(w.toLowerCase())) category = w.toLowerCase();
    else if (!version) version = w;
    else return usage(`Too many arguments: \`${w}\`.`);
  }
  const untracked = !isTracked(repo, ctx);
  if (untracked && !ctx.allowUntracked) return notTracked(repo, ctx);
  return {
    kind: 'query',
    repo,
    ...(category ? { category } : {}),
    ...(version ? { version } : {}),
    public: pub,
    ...(untracked ? { untracked } : {}),
  };
}
