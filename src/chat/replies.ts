/**
 * Chat replies through the delivery templates (`<platform>/query.liquid`): the same message model as
 * deliveries (a summary first, then the details), within the platform limits.
 */
import { safeLink } from '../render/links.js';
import type { Item } from '../../parsers/model.js';
import { breakMentions, escapeSlack } from '../render/markup.js';
import { plural } from '../render/plural.js';
import { messageHeader, type ModelInput } from '../render/message-model.js';
import {
  BUDGETS,
  buildParts,
  MarkupCache,
  type ChatPlatform,
  type Chunk,
  type Part,
  type RenderedParts,
} from '../deliver/message.js';
import type { TemplateRenderer } from '../deliver/templates.js';
import type { ReleaseNotes } from './find-release.js';
import type { ReportEntry } from '../report/merge.js';
import { versionNote, type UpgradeReport } from '../report/model.js';

/** Slack's response_url takes 5 posts; Discord's interaction token an edit and follow-ups: keep replies short. */
export const MAX_REPLY_PARTS = 4;

/** A release's notes as model input: every item, status `new`. */
export function notesModelInput(n: ReleaseNotes, categories: readonly string[]): ModelInput {
  return {
    ...messageHeader({ ...n, type: 'query' }),
    categoryOrder: categories,
    items: n.items.map((item: Item) => ({ item, status: 'new' as const })),
  };
}

/** At most MAX_REPLY_PARTS messages; the last kept one says how many items are left and where they are. */
function capParts(
  parts: Part[],
  rawUrl: string | null,
  platform: ChatPlatform,
  /** Where the rest is when there is no link to it. */
  elsewhere = 'the full release notes',
): Part[] {
  if (parts.length <= MAX_REPLY_PARTS) return parts;
  const url = safeLink(rawUrl);
  const kept = parts.slice(0, MAX_REPLY_PARTS);
  const lines = (cs: readonly Chunk[]) => cs.reduce((m, c) => m + c.text.split('\n').length, 0);
  let left = parts.slice(MAX_REPLY_PARTS).reduce((n, p) => n + lines(p.chunks), 0);
  const last = kept[kept.length - 1]!;
  // Room for the note: the last chunk gives way when the message is full, and is counted.
  if (last.chunks.length >= BUDGETS[platform].chunksPerPart) {
    left += lines(last.chunks.slice(-1));
    last.chunks = last.chunks.slice(0, -1);
  }
  const link = url
    ? platform === 'slack'
      ? `<${url}|the full release notes>`
      : `[the full release notes](${url})`
    : elsewhere;
  last.chunks = [
    ...last.chunks,
    {
      category: 'more',
      title: 'more',
      text: `…and ${left} more items: see ${link}, or ask for one category.`,
      continued: false,
    },
  ];
  return kept.map((p, i) => ({ ...p, count: kept.length, last: i === kept.length - 1 }));
}

function render(
  renderer: TemplateRenderer,
  platform: ChatPlatform,
  rendered: RenderedParts,
  title: string,
  typeLabel: string,
  /** Where the rest is when an answer is cut: the site's release page, else the notes on GitHub. */
  moreUrl: string | null = rendered.model.url,
  elsewhere?: string,
): Record<string, unknown>[] {
  return capParts(rendered.parts, moreUrl, platform, elsewhere).map((p) =>
    renderer.render(platform, 'query', rendered, p, { title, note: '', type_label: typeLabel }),
  );
}

/** The notes of one release, all categories or one. */
export function notesReply(
  renderer: TemplateRenderer,
  platform: ChatPlatform,
  n: ReleaseNotes,
  categories: readonly string[],
): Record<string, unknown>[] {
  const rendered = buildParts(notesModelInput(n, categories), {}, platform, new MarkupCache());
  if (!rendered)
    return [
      textReply(
        platform,
        `No items in ${categories.length === 1 ? categories[0] : 'any category'} in ${n.repo} ${n.tag}.`,
      ),
    ];
  const title = `${n.repo} ${n.tag}${n.prerelease ? ' (pre-release)' : ''}${categories.length === 1 ? ` · ${categories[0]}` : ''}`;
  const more = renderer.releasePage(n.repo, n.tag, categories.length === 1 ? categories[0] : undefined) ?? n.url;
  return render(renderer, platform, rendered, title, categories.length === 1 ? categories[0]! : 'release notes', more);
}

/**
 * An upgrade report as a chat answer: the summary (counts by kind, breaking changes and deprecations first)
 * then the rest, as release messages are laid out; each entry with the versions it spans.
 */
export function reportReply(
  renderer: TemplateRenderer,
  platform: ChatPlatform,
  r: UpgradeReport,
  categories: readonly string[],
): Record<string, unknown>[] {
  const seen = new Set<ReportEntry>();
  const input: ModelInput = {
    ...messageHeader({
      type: 'query',
      repo: r.repo,
      tag: `${r.from} → ${r.to}`,
      name: null,
      url: null,
      prerelease: false,
    }),
    categoryOrder: categories,
    items: r.categories
      .flatMap((c) => c.kinds.flatMap((k) => k.entries))
      .filter((e) => !seen.has(e) && seen.add(e))
      .map((e) => ({ item: e.item, status: 'new' as const, note: versionNote(e) })),
  };
  const one = categories.length === 1 ? categories[0] : undefined;
  const rendered = buildParts(input, {}, platform, new MarkupCache());
  if (!rendered)
    return [textReply(platform, `No changes in ${one ?? 'any category'} from ${r.from} to ${r.to} of ${r.repo}.`)];
  const title = `${r.repo} ${r.from} → ${r.to}${one ? ` · ${one}` : ''}`;
  // Tags come from GitHub: inside a code span, still escaped for the platform.
  const command = `release-radar report ${r.repo} ${r.from}..${r.to}${one ? ` --category ${one}` : ''}`.replace(
    /`/g,
    'ˋ',
  );
  const cli = `\`${platform === 'slack' ? escapeSlack(command) : breakMentions(command)}\``;
  const label = `upgrade report, ${plural(r.releases.length, 'release')}`;
  return render(renderer, platform, rendered, title, label, null, cli);
}

/** One category across repos, the latest release of each, side by side: each release is a group. */
export function categoryReply(
  renderer: TemplateRenderer,
  platform: ChatPlatform,
  notes: readonly ReleaseNotes[],
  category: string,
): Record<string, unknown>[] {
  const label = (n: ReleaseNotes) => `${n.repo} ${n.tag}`;
  const input: ModelInput = {
    ...messageHeader({
      type: 'query',
      repo: category,
      tag: 'in the latest releases',
      name: null,
      url: null,
      prerelease: false,
    }),
    categoryOrder: notes.map(label),
    items: notes.flatMap((n) =>
      n.items
        .filter((i) => i.categories.includes(category))
        .map((i) => ({ item: { ...i, categories: [label(n)] }, status: 'new' as const, repo: n.repo })),
    ),
  };
  const rendered = buildParts(input, {}, platform, new MarkupCache());
  if (!rendered)
    return [
      textReply(
        platform,
        `No ${category} items in the latest releases of ${notes.map(label).join(', ') || 'the tracked repos'}.`,
      ),
    ];
  return render(renderer, platform, rendered, `${category}: latest releases`, notes.map(label).join(', '));
}

/** A plain answer (help, usage, subscription changes); it may echo what the user typed, so it is escaped. */
export function textReply(platform: ChatPlatform, text: string): Record<string, unknown> {
  if (platform === 'slack') {
    const t = escapeSlack(text).slice(0, 3000);
    return { text: t, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t } }] };
  }
  return { content: breakMentions(text).slice(0, 2000), allowed_mentions: { parse: [] } };
}
