// What a reader sees of one item on every surface (issue 25): no GitHub credit, Slack formatting only where the
// notes meant it, a breaking change's title everywhere, and one view of an item shared by chat, digest, site,
// feeds, `parse --format markdown` and `query`.
import { describe, expect, it } from 'vitest';
import { notesModelInput, notesReply } from '../src/chat/replies.js';
import { renderDigest } from '../src/digest/render-email.js';
import { buildSiteModel } from '../src/site/model.js';
import { renderSite } from '../src/site/build-site.js';
import { sitePaths } from '../src/render/site-paths.js';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories } from '../src/config/load.js';
import { GITHUB_COM } from '../src/domain/github-links.js';
import { parseAndClassify } from '../src/notes.js';
import { chatSurface } from '../src/platforms/chat-surfaces.js';
import { templateRenderer } from '../src/platforms/registry.js';
import { renderNotesMarkdown } from '../src/render/notes-markdown.js';
import { slackText } from '../src/platforms/slack/markup.js';
import { mrkdwnToHtml, slackMessageHtml } from '../src/platforms/slack/preview.js';
import { discordMessageHtml } from '../src/platforms/discord/preview.js';
import { itemView } from '../src/render/item-view.js';
import type { Item } from '../parsers/model.js';

type Payload = Record<string, unknown> & {
  blocks?: { text?: { text: string }; elements?: { text: string }[] }[];
  embeds?: { title?: string; description?: string }[];
  content?: string;
};
const texts = (p: Payload) =>
  (p.blocks
    ? p.blocks.flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text)])
    : [p.content ?? '', ...(p.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? ''])]
  ).join('\n');

const classifier = new Classifier(builtinCategories());

/** Parsed and classified, every item also in `cat` (so that a test need not depend on the category rules). */
function parsed(body: string, repo: string, cat = 'packaging'): Item[] {
  return parseAndClassify(body, repo, classifier).map((i) => ({
    ...i,
    categories: i.categories.includes(cat) ? i.categories : [cat, ...i.categories],
  }));
}

/** The chat answer for `items`: its messages' payloads. */
function payloads(items: Item[], repo: string, platform: 'slack' | 'discord', cat = 'packaging'): Payload[] {
  const notes = { repo, tag: 'v1.2.0', name: null, url: null, prerelease: false, publishedAt: null, items };
  return notesReply(templateRenderer(), chatSurface(platform)!, notes, [cat]) as Payload[];
}

/** Every message of the chat answer for `items`, as one text. */
const chat = (items: Item[], repo: string, platform: 'slack' | 'discord', cat = 'packaging') =>
  payloads(items, repo, platform, cat).map(texts).join('\n');

// GitHub's generated notes, the most common format on GitHub (written for this test).
const GENERATED = `## What's Changed
* Drop support for Python 3.8 by @alice in https://github.com/acme/widget/pull/101
* Add a \`--json\` flag to the export command by @bob in https://github.com/acme/widget/pull/102
* Bump lodash from 4.17.20 to 4.17.21 by @dependabot[bot] in https://github.com/acme/widget/pull/103

**Full Changelog**: https://github.com/acme/widget/compare/v1.1.0...v1.2.0
`;
const ACME = 'acme/widget';
const CREDIT = /by @[\w-]+(?:\[bot\])? in https?:/;

describe("point 1: GitHub's generated credit", () => {
  it('is not in chat messages (Slack, Discord); the PR stays linked once', () => {
    const items = parsed(GENERATED, ACME);
    for (const platform of ['slack', 'discord'] as const) {
      const all = chat(items, ACME, platform);
      expect(all).toContain('Drop support for Python 3.8');
      expect(all).not.toMatch(CREDIT);
      expect(all).not.toContain('@alice');
      expect(all.match(/pull\/101/g)).toHaveLength(1);
    }
  });

  it('in the thread, a generated item still links its PR (the credit held its only URL)', () => {
    const many = `## What's Changed\n${Array.from({ length: 20 }, (_, i) => `* Fix the exporter on input number ${i} by @alice in https://github.com/acme/widget/pull/${500 + i}`).join('\n')}\n`;
    const all = chat(parsed(many, ACME), ACME, 'slack');
    for (let i = 0; i < 20; i++) expect(all).toContain(`pull/${500 + i}|#${500 + i}>`);
  });

  it('is not in `parse --format markdown`; the author is kept as data', () => {
    const items = parsed(GENERATED, ACME);
    const md = renderNotesMarkdown(GITHUB_COM, ACME, items, ['packaging']);
    expect(md).toContain('Drop support for Python 3.8');
    expect(md).not.toMatch(CREDIT);
    expect(items.map((i) => i.author)).toEqual(['alice', 'bob', 'dependabot[bot]']);
    expect(items.map((i) => i.refs)).toEqual([[101], [102], [103]]);
  });

  it('is not shown for items stored before the parser dropped it from the markdown', () => {
    const stored = parsed(GENERATED, ACME).map(({ author: _author, ...i }) => ({
      ...i,
      markdown: `${i.markdown} by @alice in https://github.com/acme/widget/pull/${i.refs[0]}`,
    }));
    expect(chat(stored, ACME, 'slack')).not.toMatch(CREDIT);
    expect(renderNotesMarkdown(GITHUB_COM, ACME, stored, ['packaging'])).not.toMatch(CREDIT);
  });
});

describe('point 6: Slack `*` and `~` inside identifiers', () => {
  it('go in code where they touch a word edge, so they never bold or strike; inside a word they stay', () => {
    const s = slackText('Forward **kwargs to hooks; ~Tensor and Module~ free memory; T* and *ptr, a*b, ~5% faster');
    expect(s).toBe(
      'Forward `**kwargs` to hooks; `~Tensor` and `Module~` free memory; `T*` and `*ptr`, a*b, ~5% faster',
    );
    expect(mrkdwnToHtml(`• *New* ${s} · _${slackText('distributed')}_`)).not.toMatch(/<strong>(?!New)|<del>/);
  });

  it('in a chat message, a highlight and a detail line with them format nothing', () => {
    const body = `## Improvements
- Forward **kwargs of \`Module.to\` to every child (#11)
- ~Tensor frees memory at once, and so does the ~Module hook (#12)
- Accept *args in hooks (#13)
`;
    const items = parsed(body, ACME);
    const all = chat(items, ACME, 'slack');
    expect(all).toContain('`**kwargs`');
    expect(all).toContain('`~Tensor`');
    expect(all).toContain('`*args`');
    const html = mrkdwnToHtml(all);
    expect(html).not.toContain('<del>');
    // Bold only where the message means it: the title and the kind marks.
    for (const [, bold] of html.matchAll(/<strong>(.*?)<\/strong>/g))
      expect(bold).toMatch(/^(acme\/widget v1\.2\.0|packaging|[A-Z][a-z]+)$/);
  });
});

// A breaking change as PyTorch writes it: a `### Title (#N)` heading, an explanation, a code block.
const PT = 'pytorch/pytorch';
const TITLED = `# Backwards Incompatible Changes
## Distributed
### \`ProcessGroupGloo\` no longer accepts \`timeout=None\` ([#150001](https://github.com/pytorch/pytorch/pull/150001))
Pass an explicit \`datetime.timedelta\` instead. The default was never applied.
\`\`\`python
dist.init_process_group("gloo", timeout=datetime.timedelta(minutes=5))
\`\`\`
# Bug fixes
## Distributed
- Fixed a hang in \`ProcessGroupNCCL\` abort on shutdown (#150002)
`;
const TITLE = 'ProcessGroupGloo no longer accepts timeout=None';
const EXPLANATION = 'Pass an explicit datetime.timedelta instead.';

const release = {
  key: 'k1',
  repo: PT,
  githubId: '1',
  tag: 'v3.0.0',
  name: null,
  prerelease: false,
  publishedAt: '2026-01-05T00:00:00Z',
  createdAt: '2026-01-05T00:00:00Z',
  url: 'https://github.com/pytorch/pytorch/releases/tag/v3.0.0',
  bodyHash: 'h',
  deleted: false,
};

/** Every surface's text for `items`, tags and markup removed, whitespace collapsed. */
function surfaces(items: Item[], cat: string): Record<string, string> {
  const renderer = templateRenderer();
  const plain = (s: string) =>
    s
      .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2')
      .replace(/<[^>]+>/g, ' ')
      .replace(
        /&lt;|&gt;|&amp;|&quot;|&#39;/g,
        (e) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" })[e]!,
      )
      .replace(/[`*_]/g, '')
      .replace(/\s+/g, ' ');
  const input = { ...notesModelInput({ ...release, items }, [cat], GITHUB_COM), type: 'published' as const };
  const digest = renderDigest(renderer, [input], {
    name: 'weekly',
    window: { start: '2026-01-01T00:00:00Z', end: '2026-01-08T00:00:00Z' },
    maxBytes: 1_000_000,
  });
  const site = renderSite(
    buildSiteModel([{ repo: PT, releases: [{ release, items, lastEditAt: null }] }], [cat]),
    renderer,
  );
  const feed = site.get(sitePaths.repoFeed(PT))!;
  return {
    slack: plain(chat(items, PT, 'slack', cat)),
    discord: plain(chat(items, PT, 'discord', cat)),
    'digest html': plain(digest.html),
    'digest text': plain(digest.text),
    'site release page': plain(site.get(sitePaths.release(PT, 'v3.0.0'))!),
    // Atom content is HTML carried as escaped text: unescaped once more.
    'atom entry': plain(plain(feed)),
    'parse --format markdown': plain(renderNotesMarkdown(GITHUB_COM, PT, items, [cat])),
    query: plain(renderNotesMarkdown(GITHUB_COM, PT, items, [cat], false, `${PT} v3.0.0`)),
    'slack preview': plain(payloads(items, PT, 'slack', cat).map(slackMessageHtml).join('\n')),
    'discord preview': plain(payloads(items, PT, 'discord', cat).map(discordMessageHtml).join('\n')),
  };
}

describe("point 3: a breaking change's title", () => {
  it('is shown with its explanation in chat, the digest (HTML and text), the site release page and the Atom feed', () => {
    const items = parsed(TITLED, PT, 'distributed');
    for (const [surface, text] of Object.entries(surfaces(items, 'distributed'))) {
      expect(text, surface).toContain(TITLE);
      expect(text, surface).toContain(EXPLANATION);
      expect(text, surface).toContain('150001');
    }
  });

  it('a highlight shown by its title alone keeps its explanation and code reachable in the thread', () => {
    // An explanation too long to follow the title on the highlight's one line.
    const long = TITLED.replace('The default was never applied.', 'It must be a positive duration. '.repeat(6));
    const items = parsed(long, PT, 'distributed');
    const all = chat(items, PT, 'slack', 'distributed');
    expect(all).toContain('It must be a positive duration.');
    expect(all).toContain('dist.init_process_group("gloo"');
  });
});

describe('point 4: `parse --format markdown` and `query`', () => {
  // TensorFlow's style: a wrapped bullet whose code span runs over the line break, group bullets over items.
  const TF_STYLE = `# Release 9.0.0
## Major Features and Improvements
* Made pip packages compliant with the index. TensorFlow can now be installed by \`pip
  install tensorflow\` command.
* \`tf.lite\`:
  * Added int8 support for \`SQRT\` in the converter.
  * Deprecated the \`tf.lite.experimental.Old\` interpreter option.
## Bug Fixes and Other Changes
* Fixed a crash in the converter on empty models.
`;
  const TF = 'tensorflow/tensorflow';

  it('one line per item: its kind, its title, its section after it (never inside a code span), group bullets as context', () => {
    const items = parsed(TF_STYLE, TF);
    const md = renderNotesMarkdown(GITHUB_COM, TF, items, ['packaging']);
    const lines = md.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toHaveLength(4);
    // The group bullet `tf.lite:` is no item of its own: it is in its items' context.
    expect(md).not.toMatch(/^- .*tf\.lite`:/m);
    expect(md).toMatch(
      /^- \*\*Deprecated\*\* Deprecated the `tf\.lite\.experimental\.Old` interpreter option\. · _.*› tf\.lite:_$/m,
    );
    expect(md).toMatch(
      /^- Fixed a crash in the converter on empty models\. · _Release 9\.0\.0 › Bug Fixes and Other Changes_$/m,
    );
    expect(md).toMatch(/^- Improved Added int8 support/m);
    // The section follows the title's line; the wrapped code span stays whole in the body below.
    const pip = md.split('\n').findIndex((l) => l.includes('Made pip packages'));
    expect(md.split('\n')[pip]).toMatch(
      /^- \w+ Made pip packages compliant with the index\. · _Release 9\.0\.0 › Major Features and Improvements_$/,
    );
    expect(md.split('\n')[pip + 1]).toBe('  TensorFlow can now be installed by `pip install tensorflow` command.');
    // Counts are of items listed; plurals agree.
    expect(md).toContain('# tensorflow/tensorflow: 4 items in packaging');
    expect(md).toContain('## packaging (4)');
    expect(md).toContain('_Every item is in a category._');
  });

  it('a category filter (`query REPO CATEGORY`) counts what is shown, not the whole release', () => {
    const items = parsed(TF_STYLE, TF).map((i) => ({
      ...i,
      categories: /converter/.test(i.text) ? ['mobile'] : ['packaging'],
    }));
    const md = renderNotesMarkdown(GITHUB_COM, TF, items, ['mobile'], false, `${TF} v9.0.0`);
    expect(md).toContain('# tensorflow/tensorflow v9.0.0: 2 items in mobile');
    expect(md.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(2);
  });
});

describe('point 4: a shortened highlight', () => {
  it('keeps its inline code (the first sentence as written), its PR linked once', () => {
    const body =
      '## Improvements\n- Added `torch.compile` support for `foo` in the exporter (#4242). It also covers the bar helpers.\n';
    const [summary] = payloads(parsed(body, PT, 'distributed'), PT, 'slack', 'distributed');
    const line = texts(summary!)
      .split('\n')
      .find((l) => l.includes('exporter'))!;
    expect(line).toBe(
      '• *Improved* Added `torch.compile` support for `foo` in the exporter. (<https://github.com/pytorch/pytorch/pull/4242|#4242>)',
    );
  });
});

describe('the item view', () => {
  it('ends the title where the notes cite the refs and start a new sentence without a period', () => {
    const body =
      '# Deprecations\n## Distributed\n- Added a warning for slicing a flattened dim in `_get_slice_mesh_layout` (#164993) We decided to deprecate the implicit slicing.\n';
    const [item] = parsed(body, PT, 'distributed');
    const view = itemView(item!);
    expect(view.title).toBe('Added a warning for slicing a flattened dim in _get_slice_mesh_layout');
    expect(view.titleMarkdown).toBe('Added a warning for slicing a flattened dim in `_get_slice_mesh_layout`');
    expect(view.bodyText).toBe('We decided to deprecate the implicit slicing.');
    const [summary] = payloads([item!], PT, 'slack', 'distributed');
    expect(texts(summary!)).toContain(
      '• *Deprecated* Added a warning for slicing a flattened dim in `_get_slice_mesh_layout` (<https://github.com/pytorch/pytorch/pull/164993|#164993>)',
    );
  });
});

describe('one item view, every surface', () => {
  // One item each: a titled breaking change with code, a bullet of two sentences, a GitHub-generated bullet.
  const cases: [string, string, string][] = [
    ['a `### Title (#N)` breaking change', TITLED.split('# Bug fixes')[0]!, PT],
    [
      'a bullet of two sentences',
      '## Improvements\n- Added `torch.compile` support for `foo` in the exporter (#4242). It also covers the bar helpers.\n',
      PT,
    ],
    ['a GitHub-generated bullet', GENERATED.split('\n').slice(0, 2).join('\n'), ACME],
  ];
  it.each(cases)(
    '%s reads the same (title, body, refs) in chat, previews, digest, site, feed, parse and query',
    (_, body, repo) => {
      const items = parsed(body, repo, 'distributed');
      expect(items).toHaveLength(1);
      const view = itemView(items[0]!);
      const flat = (s: string) => s.replace(/[`*_]/g, '').replace(/\s+/g, ' ');
      for (const [surface, text] of Object.entries(surfaces(items, 'distributed'))) {
        expect(text, surface).toContain(flat(view.title));
        if (view.bodyText) expect(text, surface).toContain(flat(view.bodyText));
        for (const r of view.refs) expect(text, surface).toMatch(new RegExp(`(#|/pull/)${r}\\b`));
        expect(text, surface).not.toMatch(CREDIT);
      }
    },
  );
});

describe('point 2: highlights chosen for a reader', () => {
  // Written for this test in PyTorch's style: prose sections, a CI item, a test item, and real changes.
  const fixes = Array.from(
    { length: 12 },
    (_, i) => `- Fixed a rare crash in the c10d store when key number ${i} is read twice (#${300 + i})`,
  );
  const body = `# Release 3.1.0
# Deprecations
## Distributed
We decided to deprecate an existing behavior of the store because it was rarely used.
## FSDP
- Deprecated \`FullyShardedDataParallel.old_state_dict\`; use \`torch.distributed.checkpoint\` instead (#6)
# New Features
## Distributed
New LocalTensor is a powerful debugging and simulation tool for distributed programs without GPUs.
## Releng
- Enabled auto-revert on PyTorch CI (#9)
# Improvements
## Distributed
- Added tests for the FSDP2 sharding of the embedding module (#3)
- Added a \`timeout\` argument to \`torch.distributed.barrier\` for NCCL and Gloo process groups (#2)
# Bug Fixes
## Distributed
${fixes.join('\n')}
- Fixed a hang in \`torch.distributed.all_reduce\` with NCCL when a rank of a \`ProcessGroupGloo\` exits early (#5)
`;

  it('names what changed: no explanation paragraph, framing prose, CI or test item; deprecations first, then by evidence', () => {
    const items = parseAndClassify(body, PT, classifier);
    const cats = ['distributed', 'packaging'];
    const notes = { repo: PT, tag: 'v3.1.0', name: null, url: null, prerelease: false, publishedAt: null, items };
    const [summary, ...thread] = notesReply(templateRenderer(), chatSurface('slack')!, notes, cats) as Payload[];
    const highlights = texts(summary!)
      .split('\n')
      .filter((l) => l.startsWith('• '));
    expect(highlights.length).toBeGreaterThan(2);
    const all = highlights.join('\n');
    for (const weak of ['We decided', 'LocalTensor', 'auto-revert', 'Added tests']) expect(all).not.toContain(weak);
    expect(highlights[0]).toMatch(/^• \*Deprecated\* Deprecated `FullyShardedDataParallel\.old_state_dict`/);
    // Among the fixes, the one that says most about distributed before the store fixes listed above it.
    const fixesShown = highlights.filter((l) => l.includes('*Fixed*'));
    expect(fixesShown[0]).toContain('all_reduce');
    // What is not a highlight is in the thread.
    const rest = thread.map(texts).join('\n');
    for (const weak of ['We decided', 'LocalTensor', 'auto-revert', 'Added tests']) expect(rest).toContain(weak);
  });

  it('a list that fits the summary is the summary: no thread for one leftover item', () => {
    const nine = `## Bug Fixes and Other Changes\n${Array.from({ length: 9 }, (_, i) => `* Fixed the \`tf.data\` reader number ${i} on empty files.`).join('\n')}\n`;
    const items = parsed(nine, 'tensorflow/tensorflow', 'packaging');
    const messages = payloads(items, 'tensorflow/tensorflow', 'slack', 'packaging');
    expect(messages).toHaveLength(1);
    expect(texts(messages[0]!).match(/reader number \d/g)).toHaveLength(9);
  });
});
