/**
 * Chat replies through the delivery templates (`<platform>/query.liquid`): the same message model as
 * deliveries (a summary first, then the details), within the platform limits.
 */
import type { Item } from '../../parsers/model.js';
import { plural } from '../render/plural.js';
import { messageHeader, prepareModel, type ModelInput, type PreparedModel } from '../render/message-model.js';
import type { ChatSurface } from '../platforms/types.js';
import type { GitHubLinks } from '../domain/github-links.js';
import { buildParts, MarkupCache, warmMarkup, type RenderedParts } from '../render/message.js';
import type { TemplateRenderer } from '../render/templates.js';
import type { ReleaseNotes } from '../domain/release-view.js';
import type { ReportEntry } from '../report/merge.js';
import { versionNote, type UpgradeReport } from '../report/model.js';

/** Slack's response_url takes 5 posts; Discord's interaction token an edit and follow-ups: keep replies short. */
export const MAX_REPLY_PARTS = 4;

/** A release's notes as model input: every item, status `new`. */
export function notesModelInput(n: ReleaseNotes, categories: readonly string[], links: GitHubLinks): ModelInput {
  return {
    ...messageHeader({ ...n, type: 'query' }),
    links,
    categoryOrder: categories,
    items: n.items.map((item: Item) => ({ item, status: 'new' as const })),
  };
}

function render(
  renderer: TemplateRenderer,
  surface: ChatSurface,
  rendered: RenderedParts,
  title: string,
  typeLabel: string,
): Record<string, unknown>[] {
  return rendered.parts.map((p) =>
    renderer.render(surface.style, 'query', rendered, p, { title, note: '', type_label: typeLabel }),
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
  surface: ChatSurface,
  pause: () => Promise<unknown>,
): Promise<WarmReply> {
  const prepared = prepareModel(input, {});
  await pause();
  const cache = new MarkupCache(input.links);
  await warmMarkup(prepared, surface.style, cache, MAX_REPLY_PARTS, pause);
  return { prepared, cache };
}

/** The notes of one release, all categories or one. */
export function notesReply(
  renderer: TemplateRenderer,
  surface: ChatSurface,
  n: ReleaseNotes,
  categories: readonly string[],
  warm?: WarmReply,
): Record<string, unknown>[] {
  // At most MAX_REPLY_PARTS messages, the last saying what is left per category: only those are rendered.
  const rendered = buildParts(
    notesModelInput(n, categories, renderer.links),
    { maxParts: MAX_REPLY_PARTS },
    surface.style,
    warm?.cache ?? new MarkupCache(renderer.links),
    warm?.prepared,
  );
  if (!rendered)
    return [
      surface.textReply(
        `No items in ${categories.length === 1 ? categories[0] : 'any category'} in ${n.repo} ${n.tag}.`,
      ),
    ];
  const title = `${n.repo} ${n.tag}${n.prerelease ? ' (pre-release)' : ''}${categories.length === 1 ? ` · ${categories[0]}` : ''}`;
  return render(renderer, surface, rendered, title, categories.length === 1 ? categories[0]! : 'release notes');
}

/**
 * An upgrade report as a chat answer: the summary (counts by kind, breaking changes and deprecations first)
 * then the rest, as release messages are laid out; each entry with the versions it spans.
 */
export function reportReply(
  renderer: TemplateRenderer,
  surface: ChatSurface,
  r: UpgradeReport,
  categories: readonly string[],
): Record<string, unknown>[] {
  const seen = new Set<ReportEntry>();
  const input: ModelInput = {
    links: renderer.links,
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
  // Tags come from GitHub: inside a code span, which the surface escapes as it must.
  const cli = surface.style.markup.code(
    `release-radar report ${r.repo} ${r.from}..${r.to}${one ? ` --category ${one}` : ''}`,
  );
  const rendered = buildParts(
    input,
    { maxParts: MAX_REPLY_PARTS, restAt: `the whole report: ${cli}` },
    surface.style,
    new MarkupCache(renderer.links),
  );
  if (!rendered)
    return [surface.textReply(`No changes in ${one ?? 'any category'} from ${r.from} to ${r.to} of ${r.repo}.`)];
  const title = `${r.repo} ${r.from} → ${r.to}${one ? ` · ${one}` : ''}`;
  return render(renderer, surface, rendered, title, `upgrade report, ${plural(r.releases.length, 'release')}`);
}

const label = (n: ReleaseNotes) => `${n.repo} ${n.tag}`;

/** One category across repos as model input: each release is a group. */
export function categoryModelInput(notes: readonly ReleaseNotes[], category: string, links: GitHubLinks): ModelInput {
  return {
    links,
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
  surface: ChatSurface,
  notes: readonly ReleaseNotes[],
  category: string,
  warm?: WarmReply,
): Record<string, unknown>[] {
  const rendered = buildParts(
    categoryModelInput(notes, category, renderer.links),
    { maxParts: MAX_REPLY_PARTS },
    surface.style,
    warm?.cache ?? new MarkupCache(renderer.links),
    warm?.prepared,
  );
  if (!rendered)
    return [
      surface.textReply(
        `No ${category} items in the latest releases of ${notes.map(label).join(', ') || 'the tracked repos'}.`,
      ),
    ];
  return render(renderer, surface, rendered, `${category}: latest releases`, notes.map(label).join(', '));
}
