/**
 * The markdown front end leaves out remark-gfm's email construct and runs the literal-autolink transform
 * only where its expressions can match (parsers/markdown.ts): its tree must stay remark-gfm's.
 */
import { describe, expect, it } from 'vitest';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../parsers/markdown.js';
import { sameTreeAsRemarkGfm, treeDifference } from '../parsers/markdown-check.js';

const SAMPLES = {
  'a bare address': 'Report issues to release-team@example.org or to the forum.',
  'addresses with underscores': 'Write to dev_ops_@example.org and _a_b@example.com_ please.',
  'an address next to emphasis': 'contact *us*@example.net and **bold** x_y_z',
  'www and https literals': 'See www.example.com/a_b_c_ and https://example.org/docs?a=1&b=2.',
  'a URL holding double underscores': 'Fixed the import in https://github.com/o/r/blob/main/pkg/__init__.py today.',
  'a literal inside emphasis and a heading': '## See https://example.org/x\n\n*see www.example.org*',
  'a literal in a table cell': '| Area | Link |\n|---|---|\n| docs | https://example.org/t |\n| mail | a@b.io |',
  'explicit links stay as they are': '[www.example.org](https://example.org) and <https://example.org/y>',
  'a release with no literal at all': '## Bug fixes\n- Fixed a crash (#12)\n- `@torch.jit.script` now works\n',
  'a decorator in text': 'The @maybe_run decorator and @alice (thanks!)',
  'a list with literals deep inside':
    '- outer\n  - inner https://example.org/p and x@y.org\n    > quoted www.example.org',
  'an address holding www.': 'Contact webmaster@www.example.com or www.team@example.org today.',
  'an underscore right before @': 'Write to _ops_@example.org or __dunder__@example.org now.',
  'mailto and xmpp': 'write to mailto:a@b.org or xmpp:c@d.org',
  'footnotes and task lists': 'Text[^1]\n\n[^1]: see https://example.org\n\n- [x] done www.example.org',
};

describe('markdown front end', () => {
  for (const [name, source] of Object.entries(SAMPLES))
    it(`gives remark-gfm's tree: ${name}`, () => {
      expect(sameTreeAsRemarkGfm(source)).toBeNull();
    });

  it('still links bare addresses and URLs, and keeps underscores in URLs as text', () => {
    const tree = parseMarkdown('Mail ops_team@example.org, see https://x.org/pkg/__init__.py and www.x.org.');
    const links =
      tree.children[0]!.type === 'paragraph' ? tree.children[0]!.children.filter((n) => n.type === 'link') : [];
    expect(links.map((l) => l.url)).toEqual([
      'mailto:ops_team@example.org',
      'https://x.org/pkg/__init__.py',
      'http://www.x.org',
    ]);
    expect(toString(tree)).toContain('__init__.py');
  });

  it('reports where two trees differ (the check can fail)', () => {
    const a = parseMarkdown('- one https://example.org/a\n- two');
    const b = parseMarkdown('- one https://example.org/b\n- two');
    expect(treeDifference(a, a)).toBeNull();
    expect(treeDifference(a, b)).toMatch(/^root > list\[0\] > listItem\[0\] > paragraph\[0\] > link\[1\]/);
  });
});
