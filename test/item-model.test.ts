// What an item is (issue 24): a title with an optional body, its group context, and what is not an item.
// The golden fixtures under test/fixtures/parse/ are our own invented notes in the shapes real ones take.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNotes } from '../parsers/index.js';
import type { ParsedItem } from '../parsers/model.js';
import { parseAndClassify } from '../src/notes.js';
import { builtinClassifier } from './helpers/classifier.js';

const fixture = (name: string) => {
  const dir = join(import.meta.dirname, 'fixtures', 'parse', name);
  return {
    body: readFileSync(join(dir, 'input.md'), 'utf8'),
    repo: readFileSync(join(dir, 'repo.txt'), 'utf8').trim(),
  };
};
const parsed = (name: string) => {
  const { body, repo } = fixture(name);
  return parseNotes(body, repo);
};
const titled = <T extends ParsedItem>(items: T[], start: string) => items.find((i) => i.text.startsWith(start));

describe('items and what is not an item', () => {
  it('a table of contents, plain or linked, is not items; nor are "see …"/"click here" pointers and framing', () => {
    const items = parsed('table-of-contents');
    expect(items.map((i) => i.text)).toEqual([
      'Removed the loom.legacy_scheduler module (#4101)',
      'Loom.spin() is deprecated; use Loom.rotate() (#4102)',
      'Added the PriorityScheduler class for weighted queues (#4103)',
      'Fixed a crash when the queue is empty (#4104)',
    ]);
    // ... nor the body of the item before them
    expect(items.every((i) => !i.body)).toBe(true);
  });

  it('a Highlights table restates items: each highlight meets its item (by PR, else by text) and is no item itself', () => {
    const items = parsed('highlights-table');
    expect(items.filter((i) => i.highlight).map((i) => i.refs[0])).toEqual([5001, 5002, 5003]);
    // a highlight that summarises nothing stays one item; the bold column head is none
    expect(items.filter((i) => i.section[0] === 'Highlights').map((i) => i.text)).toEqual([
      'Quantized KV cache for decoding',
    ]);
    // two ordinary items citing one PR stay two items
    expect(items.filter((i) => i.refs.includes(5002)).map((i) => i.text)).toEqual([
      'Async checkpoint saves in loom.distributed.checkpoint (#5002)',
      'Fixed async checkpoint saves on NFS mounts (#5002)',
    ]);
    expect(items).toHaveLength(5);
  });

  it('explanation paragraphs and bullets belong to their item as its body: one item, a title and a body', () => {
    const items = parsed('feature-explanation');
    const shards = titled(items, 'LocalShards')!;
    expect(shards.body!.text).toBe(
      'LocalShards is a debugging tool that simulates sharded tensors on one process. ' +
        'To get started with LocalShards, wrap your code in LocalShardsMode.',
    );
    expect(shards.refs).toEqual([6001, 6002]);
    expect(shards.group).toBeUndefined();
    expect(titled(items, 'LocalShards is')).toBeUndefined();

    const schedules = titled(items, 'Pipeline schedules')!;
    expect(schedules).toMatchObject({ kind: 'heading', change: 'feature', refs: [6004] });
    expect(schedules.section).toEqual(['New Features', 'Distributed']);
    expect(schedules.body!.text).toBe(
      'Pipeline schedules split each batch into micro-batches that flow through the stages. ' +
        'Pick one with the schedule= argument of Pipeline.',
    );
    expect(schedules.body!.markdown).toContain('pipe = Pipeline(model, schedule="1F1B")');

    const deprecated = titled(items, 'Deprecate export_timeline')!;
    expect(deprecated.body!.text).toMatch(/^The export_timeline method is being replaced/);
    // a group label with changes under it stays a group: context, not explanation
    expect(titled(items, 'c10d:')!.group).toBe(true);
    expect(titled(items, 'New shrink_group API')!.parents).toEqual(['c10d:']);
    expect(items).toHaveLength(5);
  });

  it('a bullet that names a group is context for the bullets under it, also when they are indented badly', () => {
    const items = parseAndClassify(fixture('misplaced-group').body, 'pytorch/pytorch', builtinClassifier);
    const windows = titled(items, 'Enhanced Windows support')!;
    expect(windows.group).toBe(true);
    for (const t of ['load_inline', 'Compile AOTriton kernels']) {
      expect(titled(items, t)!.parents).toEqual(['Enhanced Windows support']);
      expect(titled(items, t)!.categories).toContain('windows'); // the group's words count
    }
    // a blank line ends the group
    expect(titled(items, 'Add loom.version.rocm')!.parents).toEqual([]);
    expect(titled(items, 'Add loom.version.rocm')!.categories).not.toContain('windows');

    expect(titled(items, 'FullyShardDataParallel')!.group).toBe(true);
    for (const t of ['Implemented an idempotent', 'Provided a public API']) {
      expect(titled(items, t)!.parents).toEqual(['Device meshes', 'FullyShardDataParallel (FSDP1 and FSDP2)']);
      expect(titled(items, t)!.categories).toEqual(['distributed']);
    }
  });

  it('GitHub generated notes: the prose of a section with one change bullet is that bullet’s body; no prose is an item', () => {
    const body = [
      '# Tracker support',
      'We added support for a lightweight experiment tracker.',
      '',
      '![screenshot](https://example.com/shot.png)',
      '',
      'Main features are:',
      '- Runs locally by default',
      '- Persists logs in a private dataset',
      '',
      'To use it, pass `log_with="tracker"`:',
      '```python',
      'acc = Accelerator(log_with="tracker")',
      '```',
      'Thanks @ada for the integration!',
      '* tracker by @ada in https://github.com/loom/loom/pull/31',
      '',
      '## FSDP updates',
      'The following PRs add options for FSDP2:',
      '* feat: add ignored_params support for fsdp2 by @bob in https://github.com/loom/loom/pull/32',
      '* fix: turn off gradient sync by @bob in https://github.com/loom/loom/pull/33',
      '',
      '## New Contributors',
      '* @ada made their first contribution in https://github.com/loom/loom/pull/31',
      '',
      '---',
      '',
      '**Full Changelog**: https://github.com/loom/loom/compare/v1.0.0...v1.1.0',
    ].join('\n');
    const items = parseNotes(body, 'loom/loom');
    expect(items.map((i) => i.text)).toEqual([
      'tracker',
      'feat: add ignored_params support for fsdp2',
      'fix: turn off gradient sync',
    ]);
    const tracker = items[0]!;
    expect(tracker.body!.text).toBe(
      'We added support for a lightweight experiment tracker. Main features are: Runs locally by default ' +
        'Persists logs in a private dataset To use it, pass log_with="tracker":',
    );
    expect(tracker.body!.markdown).toContain('acc = Accelerator(log_with="tracker")');
    expect(tracker.body!.markdown).toContain('![screenshot]');
    expect(tracker.body!.text).not.toContain('Thanks');
    // a lead-in is context for the list it introduces
    expect(items[1]!.parents).toEqual(['The following PRs add options for FSDP2:']);
  });
});
