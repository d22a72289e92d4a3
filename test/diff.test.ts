import { describe, expect, it } from 'vitest';
import { byCategory, diffItems, similarity } from '../src/diff/diff-items.js';
import { compareTags, isPrereleaseTag, lastCandidateOf, parseTag } from '../src/diff/versions.js';
import type { Item } from '../parsers/model.js';

const item = (id: string, text: string, categories: string[] = [], refs: number[] = [], section = ['S']): Item => ({
  id,
  kind: 'item',
  text,
  markdown: `* ${text}`,
  section,
  parents: [],
  breaking: false,
  change: 'other',
  refs,
  categories,
  evidence: [],
});

describe('versions', () => {
  it('reads final and candidate tags in the usual spellings', () => {
    expect(parseTag('v2.1.0')).toEqual({ prefix: '', base: '2.1.0', pre: null, preNumber: 0, post: 0 });
    expect(parseTag('v2.1.0-rc2')).toEqual({ prefix: '', base: '2.1.0', pre: 'rc', preNumber: 2, post: 0 });
    expect(parseTag('2.1.0rc1')).toEqual({ prefix: '', base: '2.1.0', pre: 'rc', preNumber: 1, post: 0 });
    expect(parseTag('v2.1')?.base).toBe('2.1.0');
    expect(parseTag('nightly-build')).toBeNull();
  });

  it('finds the newest candidate of a final release', () => {
    expect(lastCandidateOf('v2.1.0', ['v2.0.0', 'v2.1.0-rc1', 'v2.1.0-rc10', 'v2.1.0-rc2', 'v2.2.0-rc1'])).toBe(
      'v2.1.0-rc10',
    );
    expect(lastCandidateOf('v2.1.0', ['v2.0.0'])).toBeNull();
    expect(lastCandidateOf('v2.1.0-rc3', ['v2.1.0-rc2'])).toBeNull();
    // A monorepo: another package's candidate of the same version is not this one's.
    expect(lastCandidateOf('pkg-a/v1.2.0', ['pkg-b/v1.2.0-rc1', 'pkg-a/v1.2.0-rc1'])).toBe('pkg-a/v1.2.0-rc1');
    expect(lastCandidateOf('pkg-a/v1.2.0', ['pkg-b/v1.2.0-rc1'])).toBeNull();
  });

  it('orders tags as versions (PEP 440-like), never as text', () => {
    const shuffled = ['v2.10.0', '2.1.0', 'v2.9.0', 'v2.1.0rc2', 'v2.1.0.post1', 'v2.1.0b1', 'v2.1.0a3', 'v2.1.0.dev1'];
    expect([...shuffled].sort(compareTags)).toEqual([
      'v2.1.0.dev1',
      'v2.1.0a3',
      'v2.1.0b1',
      'v2.1.0rc2',
      '2.1.0',
      'v2.1.0.post1',
      'v2.9.0',
      'v2.10.0',
    ]);
    expect(compareTags('v2.1.0-rc10', 'v2.1.0-rc2')).toBeGreaterThan(0);
    expect(compareTags('v2.1', 'v2.1.0')).toBe(0);
  });

  it('reads monorepo tags with their package as the prefix', () => {
    expect(parseTag('pkg-a/v1.2.3')).toMatchObject({ prefix: 'pkg-a/', base: '1.2.3', pre: null });
    expect(parseTag('@scope/pkg@2.0.0-beta.1')).toMatchObject({ prefix: '@scope/pkg@', pre: 'beta', preNumber: 1 });
    expect(isPrereleaseTag('pkg-c/v0.3.0-rc1')).toBe(true);
    expect(isPrereleaseTag('pkg-c/v0.3.0')).toBe(false);
  });
});

describe('diffItems', () => {
  it('matches by id, pairs rewordings as changed, and leaves the rest added or removed', () => {
    const before = [
      item('1', 'Fixed NCCL hang on abort', ['distributed'], [10]),
      item('2', 'Dropped Python 3.9 wheels', ['packaging']),
      item('3', 'Same'),
    ];
    const after = [
      item('1b', 'Fixed an NCCL hang on abort and shutdown', ['distributed'], [10]),
      item('3', 'Same'),
      item('4', 'Added Windows ARM64 wheels', ['windows', 'packaging']),
    ];
    const d = diffItems(before, after);
    expect(d.changed.map((i) => [i.id, i.previous.text])).toEqual([['1b', 'Fixed NCCL hang on abort']]);
    expect(d.added.map((i) => i.id)).toEqual(['4']);
    expect(d.removed.map((i) => i.id)).toEqual(['2']);
    const cats = byCategory(d, ['distributed', 'packaging', 'windows', 'mobile']);
    expect(Object.keys(cats)).toEqual(['distributed', 'packaging', 'windows']);
    expect(cats.packaging).toEqual({ added: [d.added[0]], removed: [d.removed[0]], changed: [] });
  });

  it('does not pair unrelated items or items in other sections', () => {
    const d = diffItems(
      [item('1', 'Fixed NCCL hang on abort', [], [], ['A'])],
      [item('2', 'Fixed NCCL hang on abort now', [], [], ['B'])],
    );
    expect(d.changed).toEqual([]);
    expect(similarity('completely different words', 'nothing shared here')).toBe(0);
  });
});
