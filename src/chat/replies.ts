/** Chat replies through the delivery templates (`<platform>/query.liquid`), within the platform limits. */
import { safeLink } from '../render/links.js';
import type { ChangeEvent } from '../diff/events.js';
import type { Item } from '../../parsers/model.js';
import { breakMentions, escapeSlack } from '../render/markup.js';
import { BUDGETS, categoryLines, MarkupCache, splitIntoParts, type ChatPlatform, type Part } from '../deliver/message.js';
import type { TemplateRenderer } from '../deliver/templates.js';
import type { ReleaseNotes } from './find-release.js';

/** Slack's response_url takes 5 posts; Discord's interaction token an edit and follow-ups: keep replies short. */
export const MAX_REPLY_PARTS = 4;

function pseudoEvent(n: ReleaseNotes, categories: readonly string[]): ChangeEvent {
  const cats: ChangeEvent['categories'] = {};
  for (const c of categories) {
    const added = n.items.filter((i: Item) => !i.group && i.categories.includes(c));
    if (added.length) cats[c] = { added, removed: [], changed: [] };
  }
  return {
    id: `query:${n.repo}@${n.tag}`,
    type: 'published',
    repo: n.repo,
    tag: n.tag,
    name: n.name,
    url: n.url,
    prerelease: n.prerelease,
    categories: cats,
    counts: { items: n.items.length, uncategorized: 0 },
    releaseKey: '',
    fromHash: null,
    toHash: '',
    createdAt: '',
  };
}

function capParts(parts: Part[], rawUrl: string | null, platform: ChatPlatform): Part[] {
  if (parts.length <= MAX_REPLY_PARTS) return parts;
  const url = safeLink(rawUrl);
  const kept = parts.slice(0, MAX_REPLY_PARTS);
  const left = parts.slice(MAX_REPLY_PARTS).reduce((n, p) => n + p.chunks.reduce((m, c) => m + c.text.split('\n').length, 0), 0);
  const link = url ? (platform === 'slack' ? `<${url}|the full release notes>` : `[the full release notes](${url})`) : 'the full release notes';
  const last = kept[kept.length - 1]!;
  last.chunks = [...last.chunks.slice(0, -1), { category: 'more', title: 'more', text: `…and ${left} more lines: see ${link}, or ask for one category.`, continued: false }];
  return kept.map((p, i) => ({ ...p, count: kept.length, last: i === kept.length - 1 }));
}

function render(renderer: TemplateRenderer, platform: ChatPlatform, event: ChangeEvent, parts: Part[], title: string, summary: string): Record<string, unknown>[] {
  if (!parts.length) parts = [{ number: 1, count: 1, first: true, last: true, chunks: [] }];
  return parts.map((p) => renderer.render(platform, event, p, summary, 'query', { title, note: '' }));
}

/** The notes of one release, all categories or one. */
export function notesReply(renderer: TemplateRenderer, platform: ChatPlatform, n: ReleaseNotes, categories: readonly string[]): Record<string, unknown>[] {
  const event = pseudoEvent(n, categories);
  const cats = categoryLines(event, { breakingOnly: false }, platform, new MarkupCache());
  const title = `${n.repo} ${n.tag}${n.prerelease ? ' (pre-release)' : ''}${categories.length === 1 ? ` · ${categories[0]}` : ''}`;
  const summary = cats.length ? cats.map((c) => `${c.category} (${c.summary})`).join(', ') : `No items in ${categories.length === 1 ? categories[0] : 'any category'} in ${n.repo} ${n.tag}.`;
  return render(renderer, platform, event, capParts(splitIntoParts(cats, BUDGETS[platform]), renderer.releasePage(n.repo, n.tag, categories.length === 1 ? categories[0] : undefined) ?? n.url, platform), title, summary);
}

/** One category across repos, the latest release of each, side by side. */
export function categoryReply(renderer: TemplateRenderer, platform: ChatPlatform, notes: readonly ReleaseNotes[], category: string): Record<string, unknown>[] {
  const cache = new MarkupCache();
  const cats = notes.flatMap((n) =>
    categoryLines(pseudoEvent(n, [category]), { breakingOnly: false }, platform, cache).map((c) => ({ ...c, category: `${n.repo} ${n.tag}` })),
  );
  const event: ChangeEvent = { ...pseudoEvent(notes[0] ?? { repo: '', tag: '', name: null, url: null, prerelease: false, publishedAt: null, items: [] }, []), url: null };
  const summary = cats.length ? cats.map((c) => `${c.category} (${c.summary})`).join(', ') : `No ${category} items in the latest releases of ${notes.map((n) => `${n.repo} ${n.tag}`).join(', ') || 'the tracked repos'}.`;
  return render(renderer, platform, event, capParts(splitIntoParts(cats, BUDGETS[platform]), null, platform), `${category}: latest releases`, summary);
}

/** A plain answer (help, usage, subscription changes); it may echo what the user typed, so it is escaped. */
export function textReply(platform: ChatPlatform, text: string): Record<string, unknown> {
  if (platform === 'slack') {
    const t = escapeSlack(text).slice(0, 3000);
    return { text: t, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t } }] };
  }
  return { content: breakMentions(text).slice(0, 2000), allowed_mentions: { parse: [] } };
}
