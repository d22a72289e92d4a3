// Highlights people read in a busy channel (README walkthrough points 1 and 7): a breaking change with a code
// example is in the summary with its title and PR link; identifiers with underscores never turn Slack italic.
import { readFileSync } from 'node:fs';
import { templateRenderer } from '../src/platforms/registry.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notesReply } from '../src/chat/replies.js';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories } from '../src/config/load.js';
import { parseAndClassify } from '../src/notes.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { slackText } from '../src/platforms/slack/markup.js';
import { chatSurface } from '../src/platforms/chat-surfaces.js';
import { discordMessageHtml } from '../src/platforms/discord/preview.js';
import { mrkdwnToHtml, slackMessageHtml } from '../src/platforms/slack/preview.js';

const PT = 'pytorch/pytorch';
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

const reply = (body: string, platform: 'slack' | 'discord', categories = ['distributed']) => {
  const items = parseAndClassify(body, PT, new Classifier(builtinCategories()));
  const notes = { repo: PT, tag: 'v3.0.0', name: null, url: null, prerelease: false, publishedAt: null, items };
  const [summary, ...details] = notesReply(templateRenderer(), chatSurface(platform)!, notes, categories) as Payload[];
  return { summary: summary!, first: texts(summary!), thread: details.map(texts).join('\n') };
};

describe('a breaking change with a code example', () => {
  // The demo's sample: `### Title (#N)`, an explanation, a code block.
  const demo = readFileSync(join(PACKAGE_ROOT, 'examples/releases/pytorch/v3.0.0.md'), 'utf8');

  it('is a highlight of the first message, with its heading as title and its PR link (Slack)', () => {
    const { first, thread } = reply(demo, 'slack');
    const breaking = first.split('\n').find((l) => l.startsWith('• *Breaking*'));
    expect(breaking).toBe(
      '• *Breaking* ProcessGroupGloo no longer accepts timeout=None — Pass an explicit `datetime.timedelta` instead.' +
        ' (<https://github.com/pytorch/pytorch/pull/150001|#150001>)',
    );
    // The highlight shows it short; its code is in the thread, where the item is in full (issue 25 point 2).
    expect(first.match(/timedelta/g)).toHaveLength(1);
    expect(thread).toContain('dist.init_process_group("gloo", timeout=datetime.timedelta(minutes=5))');
    expect(thread).toMatch(/ProcessGroupGloo no longer accepts.*_\(shown short above\)_/);
  });

  it('is a highlight of the first message, with its heading as title and its PR link (Discord)', () => {
    const { first } = reply(demo, 'discord');
    expect(first).toContain(
      '**Breaking** ProcessGroupGloo no longer accepts timeout=None — Pass an explicit `datetime.timedelta` instead.' +
        ' ([#150001](https://github.com/pytorch/pytorch/pull/150001))',
    );
  });

  it('under one heading with several examples, is one item and one highlight', () => {
    // As PyTorch 2.7.0 writes them (corpus v2.7.0: "Version 2.6.0" / "Version 2.7.0" under one heading).
    const body = [
      '# Backwards Incompatible Changes',
      '## Distributed',
      '### `ProcessGroupNCCL.abort` now waits for pending work ([#137296](https://github.com/pytorch/pytorch/pull/137296))',
      'Version 2.6.0',
      '```python',
      'pg.abort()  # returned at once',
      '```',
      'Version 2.7.0',
      '```python',
      'pg.abort()  # waits',
      '```',
    ].join('\n');
    const { first, thread } = reply(body, 'slack');
    expect(first).toContain(
      '• *Breaking* ProcessGroupNCCL.abort now waits for pending work (<https://github.com/pytorch/pytorch/pull/137296|#137296>)',
    );
    expect(first.match(/now waits for pending work/g)).toHaveLength(1);
    // Its examples are in the thread, under its title (issue 25 point 2: a highlight's body stays reachable).
    expect(thread).toContain('pg.abort()  # returned at once');
    expect(thread.match(/now waits for pending work/g)).toHaveLength(1);
    // Both examples are the one item's body (the item view of issue 25 shows them).
    const [item] = parseAndClassify(body, PT, new Classifier(builtinCategories()));
    expect(item!.body!.markdown).toContain('pg.abort()  # returned at once');
    expect(item!.body!.markdown).toContain('pg.abort()  # waits');
  });
});

describe('Slack text with underscore identifiers', () => {
  // Two sentences: the highlight is the first one, as written (its inline code kept, issue 25 point 4).
  const body = [
    '# New Features',
    '## Distributed',
    '- Added types for `_get_slice_mesh_layout` in `DeviceMesh` (#164993). It also covers the torch.distributed.tensor helpers.',
    '## Windows',
    '- Fixed a crash on Windows (#164994)',
  ].join('\n');

  it('an identifier starting with _ does not open italics up to the category tag', () => {
    const { summary, first } = reply(body, 'slack', ['distributed', 'windows']);
    const line = first.split('\n').find((l) => l.includes('164993'))!;
    expect(line).toContain('`_get_slice_mesh_layout`');
    const html = slackMessageHtml(summary);
    expect(html).toContain('<code>_get_slice_mesh_layout</code>');
    expect(html).toContain('<em>distributed</em>');
    expect(html).not.toMatch(/<em>[^<]*get_slice/);
  });

  it('stays correct on Discord (escaped, not wrapped)', () => {
    const { summary } = reply(body, 'discord', ['distributed', 'windows']);
    const html = discordMessageHtml(summary);
    expect(html).toContain('_get_slice_mesh_layout');
    expect(html).not.toMatch(/<em>[^<]*get_slice/);
    expect(html).toContain('<em>distributed</em>');
  });

  it('slackText: underscores at a word edge go in code, inside a word they stay; entities escaped', () => {
    expect(slackText('use _private_fn and __init__, not snake_case or x & <y>')).toBe(
      'use `_private_fn` and `__init__`, not snake_case or x &amp; &lt;y&gt;',
    );
    expect(mrkdwnToHtml(`_${slackText('see _a and b_')}_`)).toBe('<em>see <code>_a</code> and <code>b_</code></em>');
  });
});
