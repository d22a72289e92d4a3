import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS, sortByChange, type ChangeKind } from '../parsers/change.js';
import { changeFromText } from '../parsers/decide-change.js';
import { parseNotes } from '../parsers/index.js';
import { ConfigSchema, type DigestConfig, type Subscription, SubscriptionSchema } from '../src/config/schema.js';
import { buildParts, detailGroups, MarkupCache, type EventFilter } from '../src/render/message.js';
import { buildDigestModel, eventModelInput } from '../src/render/message-model.js';
import { routeEvent } from '../src/deliver/routing.js';
import type { ChangeEvent } from '../src/diff/events.js';
import { windowInputs } from '../src/digest/net-change.js';
import { GITHUB_COM } from '../src/domain/github-links.js';
import { SLACK_STYLE } from '../src/platforms/slack/style.js';
import type { Item } from '../parsers/model.js';
import { renderEventText } from '../src/render/event-text.js';

const changes = (md: string, repo: string) => Object.fromEntries(parseNotes(md, repo).map((i) => [i.text, i.change]));

describe('the kind of each change', () => {
  it('has one order: breaking, deprecation, feature, improvement, fix, performance, security, docs, other', () => {
    expect(CHANGE_KINDS).toEqual([
      'breaking',
      'deprecation',
      'feature',
      'improvement',
      'fix',
      'performance',
      'security',
      'docs',
      'other',
    ]);
    const items = (['other', 'fix', 'breaking', 'docs', 'feature', 'fix', 'deprecation'] as ChangeKind[]).map(
      (change, n) => ({ change, breaking: change === 'breaking', n }),
    );
    expect(sortByChange(items).map((i) => `${i.change}${i.n}`)).toEqual([
      'breaking2',
      'deprecation6',
      'feature4',
      'fix1',
      'fix5',
      'docs3',
      'other0',
    ]);
    // items stored before `change` existed sort by `breaking`
    expect(sortByChange([{ breaking: false }, { breaking: true }]).map((i) => i.breaking)).toEqual([true, false]);
  });

  it('comes from the first words where no heading says', () => {
    expect(changeFromText('Fix a crash in the loader')).toBe('fix');
    expect(changeFromText('Deprecate `foo`; use `bar`')).toBe('deprecation');
    expect(changeFromText('Add `Model.export`')).toBe('feature');
    expect(changeFromText('[MPS] Fixed the sign of zero')).toBe('fix');
    expect(changeFromText('tf.data: Speed up shuffling')).toBe('performance');
    expect(changeFromText('Fix: wrong dtype')).toBe('fix');
    expect(changeFromText('Improved error messages')).toBe('improvement');
    expect(changeFromText('Documented the new flags')).toBe('docs');
    expect(changeFromText('`tf.foo` is deprecated and will be removed')).toBe('deprecation');
    expect(changeFromText('Fixes an overflow in `Conv` (CVE-2099-1234)')).toBe('security');
    expect(changeFromText('Empty op is stateful.')).toBeNull();
  });

  it("follows PyTorch's specific section headings; under New Features and Improvements the item's words decide", () => {
    const md = [
      '# Backwards Incompatible Changes',
      '- Removed `foo` (#1)',
      '# Deprecations',
      '## Distributed',
      '- Fix the old launcher warning (#2)',
      '# New Features',
      '- Stale caches are refreshed automatically (#3)',
      '# Improvements',
      '- Added a `verbose` flag (#4)',
      '# Bug fixes',
      '- Improve the loader (#5)',
      '# Performance',
      '- Add a fast path (#6)',
      '# Documentation',
      '- Fix a typo (#7)',
      '# Security',
      '- Add a check (#8)',
      '# Developers',
      '- Add a lint (#9)',
    ].join('\n');
    expect(Object.values(changes(md, 'pytorch/pytorch'))).toEqual([
      'breaking',
      'deprecation',
      'feature',
      'improvement',
      'fix',
      'performance',
      'docs',
      'security',
      'other',
    ]);
  });

  it("follows TensorFlow's headings and group bullets; its catch-alls defer to the item's words, else read as improvements", () => {
    const md = [
      '# Release 9.0.0',
      '## Breaking Changes',
      '* `tf.foo` is removed.',
      '## Major Features and Improvements',
      '* `tf.bar` now supports ragged inputs.',
      '* Improved `tf.baz` errors.',
      '## Bug Fixes and Other Changes',
      '* Fixed `tf.qux` on GPU.',
      '* Deprecate `tf.old`.',
      '* Security:',
      '  * Validate shapes in `Foo`.',
      '* Empty op is stateful.',
      '## Security',
      '* Validate inputs of `Bar`.',
    ].join('\n');
    expect(changes(md, 'tensorflow/tensorflow')).toMatchObject({
      'tf.foo is removed.': 'breaking',
      'tf.bar now supports ragged inputs.': 'improvement',
      'Improved tf.baz errors.': 'improvement',
      'Fixed tf.qux on GPU.': 'fix',
      'Deprecate tf.old.': 'deprecation',
      'Validate shapes in Foo.': 'security',
      'Empty op is stateful.': 'improvement',
      'Validate inputs of Bar.': 'security',
    });
  });

  it('generic profile: GitHub generated notes, Keep a Changelog and conventional-changelog', () => {
    const gh = parseNotes(
      [
        "## What's Changed",
        '* Add a flag by @octocat in https://github.com/o/r/pull/12',
        '* Widget tweaks by @dependabot[bot] in https://github.com/o/r/pull/13',
        '## New Contributors',
        '* @octocat made their first contribution in https://github.com/o/r/pull/12',
        '',
        '**Full Changelog**: https://github.com/o/r/compare/v1.0.0...v1.1.0',
      ].join('\n'),
      'o/r',
    );
    expect(gh.map((i) => [i.text, i.refs, i.change])).toEqual([
      ['Add a flag', [12], 'improvement'],
      ['Widget tweaks', [13], 'other'],
    ]);
    const kac = changes(
      [
        '### Added',
        '- A',
        '### Changed',
        '- B',
        '### Deprecated',
        '- C',
        '### Removed',
        '- D',
        '### Fixed',
        '- E',
        '### Security',
        '- F',
      ].join('\n'),
      'o/r',
    );
    expect(kac).toEqual({ A: 'feature', B: 'improvement', C: 'deprecation', D: 'breaking', E: 'fix', F: 'security' });
    const cc = parseNotes(
      [
        '### ⚠ BREAKING CHANGES',
        '* **api:** drop `x` ([#5](https://github.com/o/r/issues/5)) ([abc1234](https://github.com/o/r/commit/abc1234))',
        '### Features',
        '* y',
        '### Bug Fixes',
        '* z',
        '### Performance Improvements',
        '* w',
      ].join('\n'),
      'o/r',
    );
    expect(cc.map((i) => [i.change, i.breaking])).toEqual([
      ['breaking', true],
      ['feature', false],
      ['fix', false],
      ['performance', false],
    ]);
    expect(cc[0]!.refs).toEqual([5]);
  });
});

const item = (text: string, change: ChangeKind, categories = ['distributed']): Item => ({
  id: text,
  kind: 'item',
  text,
  markdown: `* ${text}`,
  section: [],
  parents: [],
  breaking: change === 'breaking',
  change,
  refs: [],
  categories,
  evidence: [],
});
const event = (items: Item[]): ChangeEvent => ({
  id: 'e1',
  type: 'published',
  repo: 'o/r',
  tag: 'v1',
  name: null,
  url: null,
  prerelease: false,
  categories: { distributed: { added: items, removed: [], changed: [] } },
  counts: { items: items.length, uncategorized: 0 },
  releaseKey: 'k',
  fromHash: null,
  toHash: 'h',
  createdAt: '2026-11-01T00:00:00.000Z',
});
const items = [
  item('docs one', 'docs'),
  item('a fix', 'fix'),
  item('a feature', 'feature'),
  item('it breaks', 'breaking'),
  item('old api', 'deprecation'),
];

/** Every item line of the message's details (no highlights), in order. */
const detailLines = (e: ChangeEvent, filter: EventFilter): string[] => {
  const r = buildParts(
    eventModelInput(e, GITHUB_COM),
    { ...filter, maxItems: 0 },
    SLACK_STYLE,
    new MarkupCache(GITHUB_COM),
  );
  return r ? detailGroups(r.model, SLACK_STYLE, new MarkupCache(GITHUB_COM)).flatMap((g) => g.lines) : [];
};

describe('ordering and filtering by kind', () => {
  it('messages and poll text list items in change order', () => {
    expect(
      detailLines(event(items), { breakingOnly: false }).map((l) => l.replace(/^• (?:\*Breaking:\* )?/, '')),
    ).toEqual(['it breaks', 'old api', 'a feature', 'a fix', 'docs one']);
    const text = renderEventText(event(items));
    expect(text.indexOf('it breaks')).toBeLessThan(text.indexOf('old api'));
    expect(text.indexOf('a fix')).toBeLessThan(text.indexOf('docs one'));
  });

  it('subscriptions filter by `changes`: the union over matching subscriptions, every kind when one has none', () => {
    const dest = { name: 'd', type: 'slack-webhook', webhook_url: 'https://hooks.slack.com/services/T0/B0/x' } as const;
    const sub = (extra: object): Subscription => SubscriptionSchema.parse({ destination: 'd', ...extra });
    const [one] = routeEvent(
      event(items),
      [dest],
      [sub({ changes: ['breaking', 'feature'] }), sub({ changes: ['fix'] })],
    );
    expect([...one!.filter.changes!].sort()).toEqual(['breaking', 'feature', 'fix']);
    expect(detailLines(event(items), one!.filter).map((l) => l.replace(/^• (?:\*Breaking:\* )?/, ''))).toEqual([
      'it breaks',
      'a feature',
      'a fix',
    ]);
    const [all] = routeEvent(event(items), [dest], [sub({ changes: ['fix'] }), sub({})]);
    expect(all!.filter.changes).toBeUndefined();
    // nothing of those kinds: nothing for that category
    expect(detailLines(event(items), { breakingOnly: false, changes: ['security'] })).toEqual([]);
  });

  it('digests order by kind and filter by `changes`', () => {
    const digest = (changes?: ChangeKind[]): DigestConfig => ({
      name: 'w',
      to: ['a@example.com'],
      send_empty: false,
      ...(changes ? { changes } : {}),
    });
    const window = { start: '2026-10-25T00:00:00Z', end: '2026-11-01T00:00:00Z' };
    const model = (d: DigestConfig) =>
      buildDigestModel(windowInputs([event(items)], d, GITHUB_COM), { name: d.name, window, changes: d.changes });
    const listed = (d: DigestConfig) => model(d).releases[0]!.sections.flatMap((s) => s.items);
    expect(listed(digest()).map((i) => [i.text, i.kind])).toEqual([
      ['it breaks', 'breaking'],
      ['old api', 'deprecation'],
      ['a feature', 'feature'],
      ['a fix', 'fix'],
      ['docs one', 'docs'],
    ]);
    expect(listed(digest(['breaking', 'deprecation'])).map((i) => i.text)).toEqual(['it breaks', 'old api']);
    expect(model(digest(['breaking', 'deprecation'])).total).toBe(2);
  });

  it('config: `changes` takes known kinds only, with a clear error', () => {
    const base = {
      destinations: [{ name: 'd', type: 'slack-webhook', webhook_url: 'https://hooks.slack.com/services/T0/B0/x' }],
    };
    expect(
      ConfigSchema.parse({ ...base, subscriptions: [{ destination: 'd', changes: ['breaking', 'feature'] }] })
        .subscriptions[0]!.changes,
    ).toEqual(['breaking', 'feature']);
    const bad = ConfigSchema.safeParse({
      ...base,
      digests: [{ name: 'w', to: ['a@example.com'], changes: ['bugfix'] }],
    });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error!.issues)).toContain(
      'unknown kind of change \\"bugfix\\" (known: breaking, deprecation, feature',
    );
  });
});
