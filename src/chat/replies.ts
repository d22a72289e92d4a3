/**
 * Chat replies through the delivery templates (`<platform>/query.liquid`): the same message model as
 * deliveries (a summary first, then the details), within the platform limits.
 */
import type { Item } from '../../parsers/model.js';
import { breakMentions, escapeSlack } from '../render/markup.js';
import { plural } from '../render/plural.js';
import { messageHeader, prepareModel, type ModelInput, type PreparedModel } from '../render/message-model.js';
import { buildParts, MarkupCache, warmMarkup, type ChatPlatform, type RenderedParts } from '../deliver/message.js';
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

function render(
  renderer: TemplateRenderer,
  platform: ChatPlatform,
  rendered: RenderedParts,
  title: string,
  typeLabel: string,
): Record<string, unknown>[] {
  return rendered.parts.map((p) =>
    renderer.render(platform, 'query', rendered, p, { title, note: '', type_label: typeLabel }),
  );
}

/** What was worked out ahead, in small steps (see `warmed`): the prepared model and the markup it shows. */
export interface WarmReply {
  prepared: PreparedModel;
  cache: MarkupCache;
}

/** The costly part of a reply for a large release, done with pauses so that waiting requests are answered. */
export async function warmed(
  input: ModelInput,
  platform: ChatPlatform,
  pause: () => Promise<unknown>,
): Promise<WarmReply> {
  const prepared = prepareModel(input, {});
  await pause();
  const cache = new MarkupCache();
  await warmMarkup(prepared, platform, cache, MAX_REPLY_PARTS, pause);
  return { prepared, cache };
}

/** The notes of one release, all categories or one. */
export function notesReply(
  renderer: TemplateRenderer,
  platform: ChatPlatform,
  n: ReleaseNotes,
  categories: readonly string[],
  warm?: WarmReply,
): Record<string, unknown>[] {
  // At most MAX_REPLY_PARTS messages, the last saying what is left per category: only those are rendered.
  const rendered = buildParts(
    notesModelInput(n, categories),
    { maxParts: MAX_REPLY_PARTS },
    platform,
    warm?.cache ?? new MarkupCache(),
    warm?.prepared,
  );
  if (!rendered)
    return [
      textReply(
        platform,
        `No items in ${categories.length === 1 ? categories[0] : 'any category'} in ${n.repo} ${n.tag}.`,
      ),
    ];
  const title = `${n.repo} ${n.tag}${n.prerelease ? ' (pre-release)' : ''}${categories.length === 1 ? ` · ${categories[0]}` : ''}`;
  return render(renderer, platform, rendered, title, categories.length === 1 ? categories[0]! : 'release notes');
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
  // Tags come from GitHub: inside a code span, still escaped for the platform.
  const command = `release-radar report ${r.repo} ${r.from}..${r.to}${one ? ` --category ${one}` : ''}`.replace(
    /`/g,
    'ˋ',
  );
  const cli = `\`${platform === 'slack' ? escapeSlack(command) : breakMentions(command)}\``;
  const rendered = buildParts(
    input,
    { maxParts: MAX_REPLY_PARTS, restAt: `the whole report: ${cli}` },
    platform,
    new MarkupCache(),
  );
  if (!rendered)
    return [textReply(platform, `No changes in ${one ?? 'any category'} from ${r.from} to ${r.to} of ${r.repo}.`)];
  const title = `${r.repo} ${r.from} → ${r.to}${one ? ` · ${one}` : ''}`;
  return render(renderer, platform, rendered, title, `upgrade report, ${plural(r.releases.length, 'release')}`);
}

const label = (n: ReleaseNotes) => `${n.repo} ${n.tag}`;

/** One category across repos as model input: each release is a group. */
export function categoryModelInput(notes: readonly ReleaseNotes[], category: string): ModelInput {
  return {
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
}

/** One category across repos, the latest release of each, side by side. */
export function categoryReply(
  renderer: TemplateRenderer,
  platform: ChatPlatform,
  notes: readonly ReleaseNotes[],
  category: string,
  warm?: WarmReply,
): Record<string, unknown>[] {
  const rendered = buildParts(
    categoryModelInput(notes, category),
    { maxParts: MAX_REPLY_PARTS },
    platform,
    warm?.cache ?? new MarkupCache(),
    warm?.prepared,
  );
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
