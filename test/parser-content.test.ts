// The parser keeps what the notes say: code blocks, inline links and code; refs-only lines belong to the
// item before them; each PR ref is shown once.
import { GITHUB_COM } from '../src/domain/github-links.js';
import { DISCORD_MARKUP } from '../src/platforms/discord/markup.js';
import { SLACK_MARKUP } from '../src/platforms/slack/markup.js';
import { describe, expect, it } from 'vitest';
import { parseNotes } from '../parsers/index.js';
import { windowInputs } from '../src/digest/net-change.js';
import { buildDigestModel } from '../src/render/message-model.js';
import { itemMarkup } from '../src/render/markup.js';
import { runCli } from './helpers/cli.js';
import { classifier } from './helpers/poll.js';
import { parseAndClassify } from '../src/notes.js';

const PT = 'pytorch/pytorch';
// The shape of PyTorch 2.5.0's c10d entry: code blocks that follow a nested bullet, inside its parent.
const C10D = [
  '# Backwards Incompatible changes',
  '## Distributed',
  '- [c10d] Remove Option for ProcessGroup (#132931)',
  '  - In 2.4 and before, users can do:',
  '  ```py',
  '  base_pg_options = ProcessGroup.Options(backend=str(backend))',
  '  pg = ProcessGroup(store, rank, group_size, base_pg_options)',
  '  ```',
  '  - But from 2.5 onwards, users do not need to pass an option:',
  '',
  '  ```py',
  '  pg = ProcessGroup(store, rank, group_size)',
  '  ```',
  '',
  '# Improvements',
  '## Distributed',
  'Set the timeout like this:',
  '',
  '```python',
  'dist.init_process_group(timeout=timedelta(seconds=30))',
  '```',
  '',
  '- LocalTensor:',
  '  - LocalTensor simulates distributed tensor computations on one process.',
  '  - PRs: ([#164537](https://github.com/pytorch/pytorch/pull/164537), [#166595](https://github.com/pytorch/pytorch/pull/166595))',
  '- Added `torch.distributed.foo`, see [the docs](https://pytorch.org/docs/foo) (#170001)',
].join('\n');

const find = <T extends { text: string }>(items: T[], start: string): T | undefined =>
  items.find((i) => i.text.startsWith(start));

describe('parser content', () => {
  it('a code block stays with the item it follows, in its body', () => {
    const items = parseNotes(C10D, PT);
    expect(find(items, 'In 2.4 and before')!.body!.markdown).toContain(
      'base_pg_options = ProcessGroup.Options(backend=str(backend))',
    );
    expect(find(items, 'But from 2.5 onwards')!.body!.markdown).toContain('pg = ProcessGroup(store, rank, group_size)');
    expect(find(items, 'Set the timeout like this')!.body!.markdown).toContain(
      'dist.init_process_group(timeout=timedelta(seconds=30))',
    );
    // Plain text (and so ids and classification) is unchanged: code is not prose.
    expect(find(items, 'In 2.4 and before')!.text).toBe('In 2.4 and before, users can do:');
    expect(find(items, 'In 2.4 and before')!.body!.text).toBe('');
  });

  it('a refs-only bullet attaches to the item before it', () => {
    const items = parseNotes(C10D, PT);
    expect(find(items, 'PRs:')).toBeUndefined();
    // "LocalTensor:" over sentences about LocalTensor is one item: they are its body, the PRs its refs.
    expect(find(items, 'LocalTensor simulates')).toBeUndefined();
    const lt = find(items, 'LocalTensor:')!;
    expect(lt.body!.text).toBe('LocalTensor simulates distributed tensor computations on one process.');
    expect(lt.refs).toEqual([164537, 166595]);
    expect(lt.body!.markdown).toContain('#166595');
  });

  it('parse --format markdown keeps code blocks, inline code and links, and shows each ref once', async () => {
    const r = await runCli(['parse', '-', '--repo', PT, '--format', 'markdown'], { stdin: C10D });
    expect(r.code).toBe(0);
    expect(r.out).toContain('`torch.distributed.foo`');
    expect(r.out).toContain('[the docs](https://pytorch.org/docs/foo)');
    expect(r.out).toContain('base_pg_options = ProcessGroup.Options(backend=str(backend))');
    expect(r.out).toMatch(/```py\n/);
    const fooLine = r.out.split('\n').find((l) => l.includes('torch.distributed.foo'))!;
    expect(fooLine.match(/170001/g)).toHaveLength(2); // once as link text, once in its URL
    expect(r.out).toContain('[#164537](https://github.com/pytorch/pytorch/pull/164537)');
  });

  it('messages keep code, within limits and visibly shortened', () => {
    const items = parseAndClassify(C10D, PT, classifier);
    const slack = itemMarkup(find(items, 'In 2.4 and before')!, PT, SLACK_MARKUP, GITHUB_COM);
    expect(slack).toContain('```');
    expect(slack).toContain('base_pg_options = ProcessGroup.Options(backend=str(backend))');
    const long = parseAndClassify(
      [
        '## Distributed',
        '- Use it like this:',
        '  ```py',
        ...Array.from({ length: 80 }, (_, n) => `  dist.call_number_${n}(group=pg)`),
        '  ```',
      ].join('\n'),
      PT,
      classifier,
    );
    const cut = itemMarkup(long[0]!, PT, DISCORD_MARKUP, GITHUB_COM);
    expect(cut).toContain('dist.call_number_0(group=pg)');
    expect(cut.length).toBeLessThan(1200);
    expect(cut).toMatch(/…/);
  });

  it('the digest shows each ref once', () => {
    const items = parseAndClassify(C10D, PT, classifier);
    const foo = items.find((i) => i.text.includes('torch.distributed.foo'))!;
    const event = {
      id: 'e1',
      type: 'published' as const,
      repo: PT,
      tag: 'v2.99.0',
      name: null,
      url: null,
      prerelease: false,
      categories: { distributed: { added: [foo], removed: [], changed: [] } },
      counts: { items: 1, uncategorized: 0 },
      releaseKey: 'k',
      fromHash: null,
      toHash: 'h',
      createdAt: new Date().toISOString(),
    };
    const m = buildDigestModel(windowInputs([event], {}, GITHUB_COM), { name: 'd', window: { start: '', end: '' } });
    const item = m.releases[0]!.sections[0]!.items[0]!;
    const shown = [item.text, ...item.links.map((l) => l.label)].join(' ');
    expect(shown.match(/#170001/g)).toHaveLength(1);
  });
});
