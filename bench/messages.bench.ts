/**
 * `npm run bench:messages`: every release of ../shared/corpus as a `published` event, to a Slack channel
 * (bot token: details in the thread) and a Discord webhook, for each category on its own and for all of them.
 * Measures the first message (characters and lines of what a person sees), the messages per release and
 * destination, and that every classified item is reachable (in the summary or the details) exactly once;
 * every message is then posted to the strict fakes (Block Kit and embed limits), which must accept it.
 * Also how many messages the largest delivery takes against `max_parts` (default 50): no corpus release may be
 * cut. Goals: first message <= 2,000 characters and <= 15 lines for every release; 100% reachable; 0 rejected;
 * 0 deliveries cut at max_parts.
 * Issue 25 adds the generic notes of ../shared/labels-generic (GitHub's generated notes, Keep a Changelog,
 * release-please) and: every item reachable by its own text (its view's title or body) in its delivery; no
 * GitHub credit (`by @… in https://…`) in any rendering (chat lines, site HTML, `parse --format markdown`);
 * the share of highlights that are explanation paragraphs, pointers, framing prose or CI/test items (goal 0,
 * the rest listed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { templateRenderer } from '../src/platforms/registry.js';
import { DISCORD_STYLE } from '../src/platforms/discord/style.js';
import { SLACK_STYLE } from '../src/platforms/slack/style.js';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories, validateConfig } from '../src/config/load.js';
import { buildParts, DEFAULT_MAX_PARTS, detailGroups, MarkupCache, SUMMARY_LIMITS } from '../src/render/message.js';
import { eventModelInput } from '../src/render/message-model.js';
import { planDeliveries } from '../src/deliver/plan-deliveries.js';
import { publishedPlan } from '../scripts/published-plan.js';
import { parseAndClassify } from '../src/notes.js';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { bigTorchNotes } from '../src/fakes/big-release.js';
import { itemView } from '../src/render/item-view.js';
import { notAHighlight } from '../src/render/highlight-quality.js';
import { notesItemMarkdown } from '../src/render/notes-markdown.js';
import { itemHtml } from '../src/render/item-html.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: '../shared/corpus' },
    generic: { type: 'string', default: '../shared/labels-generic' },
  },
});
const corpus = resolve(values.corpus!);
const generic = resolve(values.generic!);
const classifier = new Classifier(builtinCategories());
const categories = classifier.categories;
const renderer = templateRenderer();
const [slack, discord] = await Promise.all([new FakeSlack().start(), new FakeDiscord().start()]);
slack.intervalMs = 0;
discord.limit = 1_000_000;
slack.channels.add('CBENCH');
const hook = discord.addWebhook('700');

// One Slack and one Discord destination per category, and one of each for every category.
const scopes = [...categories.map((c) => [c]), null] as (string[] | null)[];
const scopeName = (s: string[] | null) => (s ? s[0]! : 'all');
const destinations = scopes.flatMap((s) => [
  { name: `slack-${scopeName(s)}`, type: 'slack', channel: 'CBENCH', token: 'xoxb-test-token' },
  { name: `discord-${scopeName(s)}`, type: 'discord', webhook_url: hook },
]);
const subscriptions = scopes.flatMap((s) =>
  ['slack', 'discord'].map((p) => ({ destination: `${p}-${scopeName(s)}`, ...(s ? { categories: s } : {}) })),
);
const config = validateConfig(
  { repos: ['pytorch/pytorch', 'tensorflow/tensorflow', ...genericRepos()], destinations, subscriptions },
  'bench.yaml',
  {},
);

/** The generic notes: file, repo, tag (from sources.tsv and the file name). */
function genericNotes(): { repo: string; tag: string; body: string }[] {
  if (!existsSync(join(generic, 'sources.tsv'))) return [];
  return readFileSync(join(generic, 'sources.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split('\t'))
    .map(([file, repo]) => ({
      repo: repo!,
      tag: file!.replace(/\.md$/, '').split('__').at(-1)!,
      body: readFileSync(join(generic, 'notes', file!), 'utf8'),
    }));
}
function genericRepos(): string[] {
  return [...new Set(genericNotes().map((n) => n.repo))];
}

/** GitHub's generated credit, wherever it would show. */
const CREDIT = /\bby @[\w-]+(?:\[bot\])? in https?:\/\//;
/** Markup and escapes off, links as their text, whitespace collapsed: to find an item's own words in a message. */
const flat = (s: string) =>
  s
    .replace(/<(?:https?:[^|>]*)\|([^>]*)>/g, '$1')
    .replace(/\[([^\]]*)\]\((?:<)?https?:[^)]*\)/g, '$1')
    .replace(/\\(?=[\\`*_~|[\]()#>-])/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[`*_~\u200b]/g, '')
    .replace(/\s+/g, ' ');
/** The first words of a text (a long item is shortened in a message, visibly). */
const head = (s: string) => flat(s).trim().slice(0, 60);

type Payload = {
  blocks?: { text?: { text?: string }; elements?: { text?: string }[] }[];
  content?: string;
  embeds?: { title?: string; description?: string; footer?: { text?: string } }[];
};
/** What a person sees of a message, as in test/messages.test.ts. */
const seen = (p: Payload) =>
  (p.blocks
    ? p.blocks.flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')])
    : [p.content ?? '', ...(p.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? ''])]
  )
    .filter(Boolean)
    .join('\n');
/** How many lines of the messages are exactly this line. */
const lineCounts = (text: string) => {
  const m = new Map<string, number>();
  for (const l of text.split('\n')) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
};

let renderings = 0;
const credits: string[] = [];
let highlightsChosen = 0;
const weakHighlights: string[] = [];
let reachableByText = 0;
const unreachableByText: string[] = [];

interface Row {
  release: string;
  destination: string;
  chars: number;
  lines: number;
  messages: number;
  items: number;
  reachableOnce: number;
  /** Cut at max_parts: the last part says what is left. */
  cut: boolean;
}
const rows: Row[] = [];
const toSend: { platform: 'slack' | 'discord'; payload: Record<string, unknown>; threadOf?: number }[] = [];
let releases = 0;

type Release = {
  id: number;
  tag_name: string;
  name: string | null;
  body: string | null;
  prerelease: boolean;
  draft: boolean;
  html_url?: string;
};
const sources: [string, Release[]][] = [
  ...(['pytorch', 'tensorflow'] as const).map((p): [string, Release[]] => [
    `${p}/${p}`,
    JSON.parse(readFileSync(join(corpus, p, 'releases.json'), 'utf8')) as Release[],
  ]),
  ...genericNotes().map((n, i): [string, Release[]] => [
    n.repo,
    [{ id: 900_000 + i, tag_name: n.tag, name: null, body: n.body, prerelease: false, draft: false }],
  ]),
];
let genericReleases = 0;
for (const [repo, list] of sources) {
  for (const r of list) {
    if (r.draft || !r.body) continue;
    if (!repo.startsWith('pytorch/') && !repo.startsWith('tensorflow/')) genericReleases++;
    // No credit in any rendering of any item (classified or not): chat lines, site HTML, parse markdown.
    for (const item of parseAndClassify(r.body, repo, classifier)) {
      if (item.group) continue;
      const cache = new MarkupCache(renderer.links);
      const views = [
        cache.line(item, repo, SLACK_STYLE.markup),
        cache.line(item, repo, DISCORD_STYLE.markup),
        itemHtml(item, repo, renderer.links),
        notesItemMarkdown(repo, item, renderer.links),
      ];
      renderings += views.length;
      for (const v of views) if (CREDIT.test(v)) credits.push(`${repo}@${r.tag_name}: ${v.slice(0, 100)}`);
    }
    releases++;
    const plan = publishedPlan(repo, { ...r, body: r.body }, classifier);
    const event = plan.events[0];
    if (!event) continue;
    const cache = new MarkupCache(renderer.links);
    for (const d of planDeliveries([event], config.destinations, config.subscriptions, renderer)) {
      const dest = config.destinations.find((x) => x.name === d.destination)!;
      const platform = dest.type === 'discord' ? 'discord' : 'slack';
      const style = platform === 'discord' ? DISCORD_STYLE : SLACK_STYLE;
      const sub = config.subscriptions.find((s) => s.destination === d.destination)!;
      const payloads = d.payloads as Payload[];
      const first = seen(payloads[0]!);
      // Reachability: every line the model made (highlights, detail lines) is in the payloads exactly as often as made.
      const rendered = buildParts(
        eventModelInput(event, renderer.links),
        { categories: sub.categories, breakingOnly: false },
        style,
        cache,
      )!;
      const shown = lineCounts(payloads.map(seen).join('\n'));
      const count = (l: string) => shown.get(l) ?? 0;
      // Each item's line (a highlight, or its line in the details; code blocks span several physical lines).
      const itemLines = [
        ...rendered.vars.highlights.map((h) => h.line),
        ...(rendered.model.detail === 'full' ? detailGroups(rendered.model, style, cache).flatMap((g) => g.lines) : []),
      ].map((l) => l.split('\n').filter(Boolean));
      const mult = new Map<string, number>();
      for (const l of itemLines.flat()) mult.set(l, (mult.get(l) ?? 0) + 1);
      // Each item once (a highlight shown short is in the details too).
      const placed = new Set([...rendered.model.highlights, ...rendered.model.sections.flatMap((s) => s.items)]).size;
      // Every item of the shown categories, placed once (a highlight or a section), and its line shown once.
      const classified = new Set(
        Object.entries(event.categories)
          .filter(([c]) => !sub.categories || sub.categories.includes(c))
          .flatMap(([, diff]) => diff.added.filter((i) => !i.group).map((i) => i.id)),
      );
      const classifiedCount = classified.size;
      const linesOk = itemLines.filter((ls) => ls.every((l) => count(l) === mult.get(l))).length;
      // Reachable by its own words: the view's title or body (or the item's text) in the delivery's messages.
      const everything = flat(payloads.map(seen).join('\n'));
      for (const diff of Object.entries(event.categories)
        .filter(([c]) => !sub.categories || sub.categories.includes(c))
        .map(([, x]) => x))
        for (const item of diff.added) {
          if (item.group || !classified.has(item.id)) continue;
          classified.delete(item.id);
          const view = itemView(item);
          const found = [view.title, view.bodyText, item.text].some((t) => t && everything.includes(head(t)));
          if (found) reachableByText++;
          else unreachableByText.push(`${repo}@${r.tag_name} ${d.destination}: ${item.text.slice(0, 80)}`);
        }
      // Highlight quality: what the summary picked (not the whole list shown when it fits).
      const whole = rendered.model.highlights.length === rendered.model.total;
      if (!whole)
        for (const m of rendered.model.highlights) {
          highlightsChosen++;
          const why =
            notAHighlight(m.item, !!m.title) ?? (m.item.kind === 'paragraph' && !m.title ? 'explanation' : null);
          if (why) weakHighlights.push(`${why}: ${repo}@${r.tag_name} ${d.destination}: ${m.item.text.slice(0, 80)}`);
        }
      if (process.env.DEBUG_REACH)
        for (const [l, n] of mult)
          if (count(l) !== n)
            console.log('REACH', d.destination, r.tag_name, n, count(l), JSON.stringify(l).slice(0, 300));
      rows.push({
        release: `${repo}@${r.tag_name}`,
        destination: d.destination,
        chars: first.length,
        lines: first.split('\n').length,
        messages: payloads.length,
        items: classifiedCount,
        reachableOnce:
          placed === classifiedCount ? Math.min(linesOk, classifiedCount) : Math.min(placed, classifiedCount),
        cut: /more items? not shown here/.test(seen(payloads.at(-1)!)),
      });
      const base = toSend.length;
      payloads.forEach((payload, i) =>
        toSend.push({
          platform,
          payload: payload as Record<string, unknown>,
          ...(i > 0 && platform === 'slack' ? { threadOf: base } : {}),
        }),
      );
    }
  }
}

// Every message to the strict fakes: Slack chat.postMessage (replies with thread_ts), Discord webhook execute.
const ts: string[] = [];
let rejected = 0;
const reasons = new Map<string, number>();
for (let i = 0; i < toSend.length; i += 16) {
  await Promise.all(
    toSend.slice(i, i + 16).map(async (m, j) => {
      const k = i + j;
      const res =
        m.platform === 'slack'
          ? await fetch(`${slack.apiUrl}chat.postMessage`, {
              method: 'POST',
              headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/json' },
              body: JSON.stringify({
                ...m.payload,
                channel: 'CBENCH',
                ...(m.threadOf !== undefined ? { thread_ts: ts[m.threadOf] ?? '1.0' } : {}),
              }),
            })
          : await fetch(`${discord.apiUrl}/v10/webhooks/700/tok-700?wait=true`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(m.payload),
            });
      const body = (await res.json()) as { ok?: boolean; ts?: string; error?: string; message?: string };
      if (m.platform === 'slack' ? !body.ok : res.status !== 200) {
        rejected++;
        const why = body.error ?? body.message ?? String(res.status);
        reasons.set(why, (reasons.get(why) ?? 0) + 1);
      } else if (body.ts) ts[k] = body.ts;
    }),
  );
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const items = rows.reduce((n, r) => n + r.items, 0);
const reachable = rows.reduce((n, r) => n + r.reachableOnce, 0);
console.log(
  `${releases} releases (${genericReleases} of them generic notes) x ${scopes.length} scopes (${categories.join(', ')}, all) x 2 platforms: ${rows.length} deliveries, ${toSend.length} messages`,
);
for (const platform of ['slack', 'discord']) {
  const mine = rows.filter((r) => r.destination.startsWith(platform));
  const chars = mine.map((r) => r.chars);
  const lines = mine.map((r) => r.lines);
  const msgs = mine.map((r) => r.messages);
  console.log(
    `${platform}: first message chars p50 ${pct(chars, 50)} p95 ${pct(chars, 95)} max ${Math.max(...chars)} (goal <= ${SUMMARY_LIMITS.chars}); ` +
      `lines p50 ${pct(lines, 50)} max ${Math.max(...lines)} (goal <= ${SUMMARY_LIMITS.lines}); messages per release and destination p50 ${pct(msgs, 50)} p95 ${pct(msgs, 95)} max ${Math.max(...msgs)}`,
  );
  const worst = [...mine].sort((a, b) => b.chars - a.chars).slice(0, 3);
  console.log(
    `  longest first messages: ${worst.map((r) => `${r.release} ${r.destination} ${r.chars} chars/${r.lines} lines`).join('; ')}`,
  );
}
const largest = [...rows].sort((a, b) => b.messages - a.messages)[0]!;
const cut = rows.filter((r) => r.cut);
console.log(
  `max_parts (default ${DEFAULT_MAX_PARTS}): the largest delivery is ${largest.messages} messages (${largest.release} ${largest.destination}); ${cut.length} of ${rows.length} deliveries cut (goal 0)`,
);
// A release far past the corpus (9,000 items, generated): what max_parts bounds, against no bound in the same run.
{
  const body = bigTorchNotes('2.10.0', 360);
  const items = parseAndClassify(body, 'pytorch/pytorch', classifier);
  const event = {
    id: 'big',
    type: 'published' as const,
    repo: 'pytorch/pytorch',
    tag: 'v2.10.0',
    name: null,
    url: 'https://github.com/pytorch/pytorch/releases/tag/v2.10.0',
    prerelease: false,
    categories: Object.fromEntries(
      categories.map((c) => [c, { added: items.filter((i) => i.categories[0] === c), removed: [], changed: [] }]),
    ),
    counts: { items: items.length },
  } as unknown as Parameters<typeof planDeliveries>[0][number];
  const count = (maxParts?: number) => {
    const dests = config.destinations.filter((d) => d.name.endsWith('-all'));
    const subs = dests.map((d) => ({
      ...config.subscriptions.find((x) => x.destination === d.name)!,
      max_parts: maxParts,
    }));
    const planned = planDeliveries([event], dests, subs, renderer);
    return dests
      .map((d) => `${d.type} ${planned.find((x) => x.destination === d.name)?.payloads.length ?? 0}`)
      .join(', ');
  };
  console.log(
    `a generated release of ${items.length} items (${(body.length / 1e6).toFixed(2)} MB), every category: ${count()} messages with max_parts ${DEFAULT_MAX_PARTS}; ${count(1000)} without a bound`,
  );
}
const over = rows.filter((r) => r.chars > SUMMARY_LIMITS.chars || r.lines > SUMMARY_LIMITS.lines);
console.log(
  `first messages over the goals: ${over.length}${
    over.length
      ? ` (${over
          .slice(0, 5)
          .map((r) => `${r.release} ${r.destination}`)
          .join(', ')})`
      : ''
  }`,
);
console.log(
  `items reachable exactly once: ${reachable} of ${items} (${((100 * reachable) / Math.max(1, items)).toFixed(2)}%, goal 100%)`,
);
console.log(
  `items reachable by their own text (title or body) in their delivery: ${reachableByText} of ${items} (${((100 * reachableByText) / Math.max(1, items)).toFixed(2)}%, goal 100%)${
    unreachableByText.length ? `; not: ${unreachableByText.slice(0, 5).join(' | ')}` : ''
  }`,
);
console.log(
  `GitHub credit in renderings: ${credits.length} of ${renderings} (goal 0)${credits.length ? `: ${credits.slice(0, 3).join(' | ')}` : ''}`,
);
console.log(
  `highlights that are explanations, pointers, framing prose or CI/test items: ${weakHighlights.length} of ${highlightsChosen} (${((100 * weakHighlights.length) / Math.max(1, highlightsChosen)).toFixed(2)}%, goal 0)${
    weakHighlights.length ? `\n  ${[...new Set(weakHighlights)].slice(0, 10).join('\n  ')}` : ''
  }`,
);
console.log(
  `messages rejected by the strict fakes: ${rejected} of ${toSend.length}${rejected ? ` (${[...reasons].map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''} (goal 0)`,
);
await Promise.all([slack.close(), discord.close()]);
process.exit(
  over.length ||
    rejected ||
    reachable !== items ||
    cut.length ||
    reachableByText !== items ||
    credits.length ||
    weakHighlights.length
    ? 1
    : 0,
);
