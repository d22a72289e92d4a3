// What a reader sees of one item on every surface (issue 25): no GitHub credit, Slack formatting only where the
// notes meant it, a breaking change's title everywhere, and one view of an item shared by chat, digest, site,
// feeds, `parse --format markdown` and `query`.
import { describe, expect, it } from 'vitest';
import { notesReply } from '../src/chat/replies.js';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories } from '../src/config/load.js';
import { GITHUB_COM } from '../src/domain/github-links.js';
import { parseAndClassify } from '../src/notes.js';
import { chatSurface } from '../src/platforms/chat-surfaces.js';
import { templateRenderer } from '../src/platforms/registry.js';
import { renderNotesMarkdown } from '../src/render/notes-markdown.js';
import { slackText } from '../src/platforms/slack/markup.js';
import { mrkdwnToHtml } from '../src/platforms/slack/preview.js';
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

/** Every message of the chat answer for `items`, as one text. */
function chat(items: Item[], repo: string, platform: 'slack' | 'discord', cat = 'packaging'): string {
  const notes = { repo, tag: 'v1.2.0', name: null, url: null, prerelease: false, publishedAt: null, items };
  return (notesReply(templateRenderer(), chatSurface(platform)!, notes, [cat]) as Payload[]).map(texts).join('\n');
}

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
