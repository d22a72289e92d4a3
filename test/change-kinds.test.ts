// How the kind of change is decided (issue 24): from the item's own words where the heading is silent or
// mixed, from the heading where it is specific; conventional-commit prefixes; decorated headings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNotes } from '../parsers/index.js';

/** Each line as a bullet under one heading: text -> kind. */
const under = (heading: string, lines: string[], repo = 'loom/loom') =>
  Object.fromEntries(
    parseNotes([`## ${heading}`, ...lines.map((l) => `* ${l}`)].join('\n'), repo).map((i) => [i.text, i.change]),
  );
const fixture = (name: string) => {
  const dir = join(import.meta.dirname, 'fixtures', 'parse', name);
  const items = parseNotes(
    readFileSync(join(dir, 'input.md'), 'utf8'),
    readFileSync(join(dir, 'repo.txt'), 'utf8').trim(),
  );
  return items.map((i) => [i.text.replace(/ by @.*$/, ''), i.change]);
};

describe('kinds from the item’s own words, where the heading is silent or mixed', () => {
  it.each([
    ['Bug Fixes and Other Changes', 'tensorflow/tensorflow'],
    ['Changed', 'loom/loom'],
    ["What's Changed", 'loom/loom'],
  ])('under "%s"', (heading, repo) => {
    expect(
      under(
        heading,
        [
          '`loom.foo` is removed; use `loom.bar`.',
          'Renamed the `max_items` argument of `Reader` to `limit`.',
          'Dropped support for Python 3.8.',
          '`Reader.read` no longer accepts `None`.',
          'Builds now require GCC 11 or newer.',
          'Callers must now pass an explicit `timeout`.',
          'The default timeout is now 30 seconds.',
          '`Reader.peek` is deprecated and will be removed in 6.0.',
          'This is the last release supporting Python 3.9.',
          '`Reader` now supports compressed archives.',
          'Added an `encoding` argument to `Reader.open`.',
          'Added `loom.io.Tar`, a new reader for tar archives.',
          'Fixes a heap overflow in the tar reader (CVE-2099-1234).',
          'Escape archive names to prevent XSS in the index page.',
          'Guard the query builder against SQL injection.',
          'Fixed a crash on empty archives.',
          'Speed up tar listing by 3x.',
          'Fix typos in the tutorial.',
          'Fix the flaky tests of the reader.',
        ],
        repo,
      ),
    ).toEqual({
      'loom.foo is removed; use loom.bar.': 'breaking',
      'Renamed the max_items argument of Reader to limit.': 'breaking',
      'Dropped support for Python 3.8.': 'breaking',
      'Reader.read no longer accepts None.': 'breaking',
      'Builds now require GCC 11 or newer.': 'breaking',
      'Callers must now pass an explicit timeout.': 'breaking',
      'The default timeout is now 30 seconds.': 'breaking',
      'Reader.peek is deprecated and will be removed in 6.0.': 'deprecation',
      'This is the last release supporting Python 3.9.': 'deprecation',
      'Reader now supports compressed archives.': 'improvement',
      'Added an encoding argument to Reader.open.': 'improvement',
      'Added loom.io.Tar, a new reader for tar archives.': 'feature',
      'Fixes a heap overflow in the tar reader (CVE-2099-1234).': 'security',
      'Escape archive names to prevent XSS in the index page.': 'security',
      'Guard the query builder against SQL injection.': 'security',
      'Fixed a crash on empty archives.': 'fix',
      'Speed up tar listing by 3x.': 'performance',
      'Fix typos in the tutorial.': 'docs',
      'Fix the flaky tests of the reader.': 'other',
    });
  });

  it('"X now supports Y" and a new argument are improvements even under "New Features"; a new API is a feature under "Improvements"', () => {
    expect(
      under('New Features', [
        '`Reader` now supports zstd.',
        'Added a `strict` option to `Reader`.',
        'Support tracing generators',
      ]),
    ).toEqual({
      'Reader now supports zstd.': 'improvement',
      'Added a strict option to Reader.': 'improvement',
      'Support tracing generators': 'feature',
    });
    expect(
      under('Improvements', ['Introduce a new API `loom.io.probe`', 'Added checksum logging to the uploader']),
    ).toEqual({
      'Introduce a new API loom.io.probe': 'feature',
      'Added checksum logging to the uploader': 'improvement',
    });
  });

  it('a mixed heading is only the fallback; a section name the profile does not know leaves the words to decide', () => {
    expect(under('Bug Fixes and Other Changes', ['Empty op is stateful.'], 'tensorflow/tensorflow')).toEqual({
      'Empty op is stateful.': 'improvement',
    });
    expect(under("What's Changed", ['Widget tweaks'])).toEqual({ 'Widget tweaks': 'other' });
  });
});

describe('kinds from a heading, where it is specific', () => {
  it('"Bug Fixes", "Deprecations", "Documentation" decide for their items; a removal named outright stays breaking', () => {
    expect(under('Bug Fixes', ['Improve the loader', 'Rename parameter `database` to `bucket`'])).toEqual({
      'Improve the loader': 'fix',
      'Rename parameter database to bucket': 'breaking',
    });
    expect(under('Deprecations', ['Fix the old launcher warning'])).toEqual({
      'Fix the old launcher warning': 'deprecation',
    });
    expect(under('Documentation', ['Add a section on retries'])).toEqual({ 'Add a section on retries': 'docs' });
  });

  it('a deprecation under a breaking heading stays a deprecation; a "Developers" heading does not hide one', () => {
    expect(fixture('deprecation-under-breaking')).toEqual([
      ['Removed loom.foo_legacy (#9001)', 'breaking'],
      ['loom.bar is deprecated and will be removed in 6.0 (#9002)', 'deprecation'],
      ['compile.old_flag is deprecated; use compile.new_flag (#9003)', 'deprecation'],
      ['compile.gone has been removed (#9004)', 'breaking'],
      ['loom.utils.old_helper is deprecated (#9005)', 'deprecation'],
      ['Added a lint for unused imports (#9006)', 'other'],
      ['loom.baz no longer accepts None (#9007)', 'breaking'],
      ['This is the last release supporting Python 3.9 (#9008)', 'deprecation'],
    ]);
  });

  it('release-please lists a breaking change again under its type: both copies are breaking', () => {
    const items = parseNotes(
      [
        '### ⚠ BREAKING CHANGES',
        '* drop the `legacy` reader (#1)',
        '### Features',
        '* drop the `legacy` reader (#1)',
        '* add a tar reader (#2)',
      ].join('\n'),
      'loom/loom',
    );
    expect(items.map((i) => [i.change, i.breaking])).toEqual([
      ['breaking', true],
      ['breaking', true],
      ['feature', false],
    ]);
  });
});

describe('conventional-commit prefixes and decorated headings', () => {
  it('prefixes give the kind: feat, fix, perf, docs, ci/test/chore/build/refactor/revert, ! breaking, deps bumps', () => {
    expect(fixture('conventional-commits')).toEqual([
      ['feat: add a streaming reader for large archives', 'feature'],
      ['feat(client): support a timeout argument in Client.get', 'improvement'],
      ['fix: handle empty responses from the mirror', 'fix'],
      ['fix(api)!: rename max_items to limit', 'breaking'],
      ['perf: cache parsed schemas between requests', 'performance'],
      ['docs: describe the retry policy', 'docs'],
      ['ci: run the suite on Python 3.13', 'other'],
      ['chore(deps): bump requests from 2.31.0 to 2.32.3', 'improvement'],
      ['build(deps): drop support for Python 3.8', 'breaking'],
      ['refactor: split the client module', 'other'],
      ['revert: "feat: add a streaming reader for large archives"', 'other'],
      ['test: cover the retry path', 'other'],
      ['Escape archive names in the HTML index to prevent XSS', 'security'],
      // ":sparkles: Enhancements" and "🐛 Bug Fixes" are matched without their decorations
      ['The uploader now supports resumable transfers', 'improvement'],
      ['Improve the error shown for a bad token', 'fix'],
    ]);
  });
});
