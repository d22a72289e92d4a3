// Upgrade reports (issue 26): a range of releases resolved in version order, merged into one report (a
// re-worded item, a revert, a deprecation followed by its removal, a patch release, release candidates),
// gathered from the store and GitHub on SQLite and PostgreSQL, and printed by `release-radar report`.
import { GITHUB_COM } from '../src/domain/github-links.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tagFilter } from '../src/diff/tag-filter.js';
import { createGitHubClient } from '../src/github/client.js';
import { silentLogger } from '../src/log.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { gatherRange } from '../src/report/gather.js';
import { buildReport, reportJson, versionNote, type UpgradeReport } from '../src/report/model.js';
import { parseRange, resolveRange } from '../src/report/range.js';
import { renderReportMarkdown } from '../src/report/render-markdown.js';
import type { ReportEntry } from '../src/report/merge.js';
import { runCli } from './helpers/cli.js';
import { useMsw } from './helpers/msw.js';
import { classifier, poll } from './helpers/poll.js';
import { publishWidgets, PUBLISHED, WIDGETS, widgetsReleases } from './helpers/report-fixture.js';
import { STORE_KINDS, type TestStore } from './helpers/stores.js';

const CATEGORIES = ['mobile', 'distributed', 'packaging', 'windows', 'quantization'];
const entries = (r: UpgradeReport) => r.categories.flatMap((c) => c.kinds.flatMap((k) => k.entries));
const about = (r: UpgradeReport, words: string) => entries(r).filter((e) => e.item.text.includes(words));
const only = (r: UpgradeReport, words: string): ReportEntry => {
  const found = about(r, words);
  expect(found, words).toHaveLength(1);
  return found[0]!;
};

describe('merging a range of releases', () => {
  const report = (tags: string[]) =>
    buildReport(
      { repo: WIDGETS, from: 'v1.0.0', to: tags.at(-1)!, releases: widgetsReleases(tags) },
      { categories: CATEGORIES },
    );
  const finals = report(['v1.1.0', 'v1.1.1', 'v1.2.0', 'v2.0.0']);

  it('a re-worded item appears once, in its latest wording, with the versions it spans', () => {
    const e = only(finals, 'dist.stream() for streaming');
    expect(e.item.text).toBe('Add dist.stream() for streaming and batched collectives (#10)');
    expect(e).toMatchObject({ since: 'v1.1.0', versions: ['v1.1.0', 'v1.2.0'] });
    expect(e.earlier).toEqual([{ tag: 'v1.1.0', text: 'Add dist.stream() for streaming collectives (#10)' }]);
    expect(versionNote(e)).toBe('v1.1.0, reworded in v1.2.0');
  });

  it('an item a later release reverts appears once, as the revert, spanning both versions', () => {
    expect(about(finals, 'dist.fast')).toHaveLength(1);
    const e = only(finals, 'dist.fast');
    expect(e.item.text).toMatch(/^Revert experimental dist\.fast mode/);
    expect(e).toMatchObject({ revertedIn: 'v1.2.0', versions: ['v1.1.0', 'v1.2.0'] });
    expect(versionNote(e)).toBe('v1.1.0, reverted in v1.2.0');
  });

  it('a deprecation that a later release removes is the removal, a breaking change, with the deprecation version', () => {
    expect(about(finals, 'old_gather')).toHaveLength(1);
    const e = only(finals, 'old_gather');
    expect(e.item.text).toBe('Remove dist.old_gather() (#21)');
    expect(e.item.change).toBe('breaking');
    expect(e).toMatchObject({ since: 'v2.0.0', deprecatedIn: 'v1.1.0' });
    expect(versionNote(e)).toBe('deprecated in v1.1.0, removed in v2.0.0');
    // Breaking changes and deprecations first in each category.
    expect(finals.categories[0]!.kinds.map((k) => k.kind)).toEqual(['breaking', 'feature', 'fix']);
  });

  it('says which version brought each item, the patch release included', () => {
    expect(only(finals, 'NCCL timeout').since).toBe('v1.1.1');
    expect(only(finals, 'dist.barrier()').since).toBe('v1.1.0');
    expect(only(finals, 'race in dist.stream()').since).toBe('v2.0.0');
    expect(finals.total).toBe(6);
    expect(finals.counts).toEqual([
      { kind: 'breaking', label: 'breaking', count: 1 },
      { kind: 'feature', label: 'new', count: 1 },
      { kind: 'fix', label: 'fixed', count: 4 },
    ]);
  });

  it('with the candidates, an item first seen in a candidate is dated by the candidate', () => {
    const withRcs = report(['v1.1.0rc1', 'v1.1.0', 'v1.1.1', 'v1.2.0', 'v2.0.0rc1', 'v2.0.0']);
    expect(only(withRcs, 'race in dist.stream()')).toMatchObject({
      since: 'v2.0.0rc1',
      versions: ['v2.0.0rc1', 'v2.0.0'],
    });
    expect(only(withRcs, 'dist.stream() for streaming').since).toBe('v1.1.0rc1');
    expect(withRcs.total).toBe(finals.total);
  });

  it('filters by category and kind of change; the JSON keeps the item fields of parse --format json', () => {
    const breaking = buildReport(
      { repo: WIDGETS, from: 'v1.0.0', to: 'v2.0.0', releases: widgetsReleases(['v1.1.0', 'v1.2.0', 'v2.0.0']) },
      { categories: ['distributed'], changes: ['breaking', 'deprecation'] },
    );
    const json = reportJson(breaking);
    expect(json.total).toBe(1);
    expect(json.categories[0]!.items[0]).toMatchObject({
      text: 'Remove dist.old_gather() (#21)',
      change: 'breaking',
      categories: ['distributed'],
      refs: [21],
      section: ['Backwards Incompatible Changes', 'Distributed'],
      breaking: true,
      since: 'v2.0.0',
      deprecated_in: 'v1.1.0',
    });
    expect(json.categories[0]!.items[0]).toHaveProperty('id');
    expect(json.categories[0]!.items[0]).toHaveProperty('markdown');
    expect(json.categories[0]!.items[0]).not.toHaveProperty('evidence');
    expect(buildReport({ ...breaking, releases: [] }, { categories: ['mobile'] }).total).toBe(0);
  });

  it('renders markdown per category and kind, each entry with its versions', () => {
    const md = renderReportMarkdown(finals, GITHUB_COM);
    expect(md).toContain('# acme/widgets: upgrading from v1.0.0 to v2.0.0');
    expect(md).toContain('4 releases after v1.0.0: v1.1.0, v1.1.1, v1.2.0, v2.0.0.');
    expect(md).toContain('6 changes: 1 breaking · 1 new · 4 fixed.');
    expect(md).toMatch(
      /### Breaking changes \(1\)\n\n- Remove `dist\.old_gather\(\)` .*_\(deprecated in v1\.1\.0, removed in v2\.0\.0\)_/,
    );
    expect(md.indexOf('Breaking changes')).toBeLessThan(md.indexOf('New features'));
  });
});

describe('version ranges', () => {
  const rel = (tag: string, prerelease = false) => ({ tag, prerelease });
  // Listed by date, as GitHub does: a patch of an old line after a newer final.
  const tags = [
    rel('v2.10.0'),
    rel('v2.9.1'),
    rel('v2.10.0rc2', true),
    rel('v2.9.0'),
    rel('v2.8.0'),
    rel('v2.5.0'),
    rel('v2.5.1'),
  ];
  const pick = (range: string, opts = {}) => {
    const r = resolveRange(parseRange(range), tags, opts);
    return r.ok ? r.releases.map((x) => x.tag) : r.message;
  };

  it('follows version order, not listing order; 2.5 names v2.5.0', () => {
    expect(pick('2.5..2.10')).toEqual(['v2.5.1', 'v2.8.0', 'v2.9.0', 'v2.9.1', 'v2.10.0']);
    expect(pick('v2.8.0..v2.9.0')).toEqual(['v2.9.0']); // v2.9.1 comes after TO
    expect(pick('v2.8.0..v2.9.1')).toEqual(['v2.9.0', 'v2.9.1']);
    expect(pick('2.8..', { prereleases: true })).toEqual(['v2.9.0', 'v2.9.1', 'v2.10.0rc2', 'v2.10.0']);
    expect(pick('2.8..2.10.0rc2')).toEqual(['v2.9.0', 'v2.9.1', 'v2.10.0rc2']); // TO names a candidate
    expect(pick('2.9..')).toEqual(['v2.9.1', 'v2.10.0']);
  });

  it('says what is wrong with a range', () => {
    expect(pick('2.6..2.10')).toBe('no release 2.6 (nearest: v2.5.1, v2.8.0)');
    expect(pick('2.10..2.8')).toBe('v2.8.0 is not after v2.10.0: write the older version first');
    expect(pick('2.10..')).toBe('no release after v2.10.0');
    expect(() => parseRange('2.5')).toThrow(/not a range: write FROM\.\.TO/);
    expect(() => parseRange('..2.5')).toThrow(/not a range/);
  });

  it('in a monorepo, a version alone is ambiguous; a tag or --tag picks the package', () => {
    const mono = [rel('pkg-a/v1.0.0'), rel('pkg-b/v1.0.0'), rel('pkg-a/v1.1.0'), rel('pkg-b/v1.2.0')];
    const r = (range: string, glob?: string) => {
      const x = resolveRange(parseRange(range), mono, glob ? { tagFilter: tagFilter({ tags: [glob] }) } : {});
      return x.ok ? x.releases.map((y) => y.tag) : x.message;
    };
    expect(r('1.0..')).toBe('"1.0" matches pkg-a/v1.0.0, pkg-b/v1.0.0: name the tag (or pick the package with --tag)');
    expect(r('1.0..', 'pkg-b/*')).toEqual(['pkg-b/v1.2.0']);
    expect(r('pkg-a/v1.0.0..')).toEqual(['pkg-a/v1.1.0']);
    expect(r('pkg-a/v1.0.0..pkg-b/v1.2.0')).toBe('pkg-b/v1.2.0 and pkg-a/v1.0.0 are not versions of the same package');
  });
});

describe.each(STORE_KINDS)('gathering a range (%s)', (_kind, open) => {
  const msw = useMsw();
  let gh: FakeGitHub;
  let ts: TestStore;
  beforeEach(async () => {
    gh = new FakeGitHub();
    msw.use(gh);
    publishWidgets(gh);
    ts = await open();
  });
  afterEach(() => ts.cleanup());
  const github = () => createGitHubClient({ baseUrl: gh.url, logger: silentLogger, retryUnitMs: 5 });
  const gather = (range: string, opts = {}) =>
    gatherRange({ store: ts.store, github: github(), classifier }, WIDGETS, parseRange(range), opts);

  it('fetches and parses what the store lacks, records it, and never parses a stored release again', async () => {
    const cold = await gather('1.0..2.0');
    expect(cold.releases.map((r) => r.tag)).toEqual(['v1.1.0', 'v1.1.1', 'v1.2.0', 'v2.0.0']);
    expect(cold).toMatchObject({ from: 'v1.0.0', to: 'v2.0.0', parsed: 4, requests: 1 });
    expect((await ts.store.releases(WIDGETS)).map((r) => r.tag).sort()).toEqual([
      'v1.1.0',
      'v1.1.1',
      'v1.2.0',
      'v2.0.0',
    ]);
    // Not polled: the listing is asked again (it may have grown), but nothing stored is parsed again.
    const again = await gather('1.0..2.0');
    expect(again).toMatchObject({ parsed: 0, requests: 1 });
    expect(again.releases.map((r) => r.items.length)).toEqual(cold.releases.map((r) => r.items.length));
    expect((await gather('1.0..2.0', { prereleases: true })).parsed).toBe(2); // the two candidates
  });

  it('a polled repo answers from the store alone; a release newer than the last poll is read but left to the poll', async () => {
    const gh2 = gh;
    gh2.remove(WIDGETS, 'v2.0.1');
    await poll(ts.store, gh2, { repos: [WIDGETS], initial: 'none' });
    const before = gh2.requests.length;
    const warm = await gather('1.0..2.0');
    expect(warm).toMatchObject({ requests: 0, parsed: 0 });
    expect(gh2.requests.length).toBe(before);
    expect(buildReport(warm, { categories: CATEGORIES }).total).toBe(6);

    gh2.publish(WIDGETS, { tag_name: 'v2.0.1', body: readFileSync(join('test/fixtures/report/v2.0.1.md'), 'utf8') });
    const newer = await gather('2.0..2.0.1');
    expect(newer).toMatchObject({ requests: 1, parsed: 1, to: 'v2.0.1' });
    expect((await ts.store.releases(WIDGETS)).some((r) => r.tag === 'v2.0.1')).toBe(false);
    const next = await poll(ts.store, gh2, { repos: [WIDGETS] });
    expect(next.events.map((e) => e.tag)).toEqual(['v2.0.1']); // still announced
  });

  it('names what is missing when a range cannot be resolved', async () => {
    await expect(gather('1.0..3.0')).rejects.toThrow('acme/widgets 1.0..3.0: no release 3.0 (nearest: v2.0.0, v2.0.1)');
    await expect(gatherRange({ store: ts.store, classifier }, WIDGETS, parseRange('1.0..2.0'))).rejects.toThrow(
      /no release 1\.0 .*among the stored releases \(run `release-radar poll` to record them\)/,
    );
  });
});

describe('release-radar report', () => {
  const msw = useMsw();
  let gh: FakeGitHub;
  let db: string;
  beforeEach(() => {
    gh = new FakeGitHub();
    msw.use(gh);
    publishWidgets(gh);
    db = join(mkdtempSync(join(tmpdir(), 'rr-report-')), 'state.db');
  });
  const report = (...args: string[]) => runCli(['report', WIDGETS, ...args, '--db', db]);

  it('prints the report as markdown, JSON or an HTML page, or writes it to --out', async () => {
    const md = await report('1.0..2.0');
    expect(md.code).toBe(0);
    expect(md.out).toContain('# acme/widgets: upgrading from v1.0.0 to v2.0.0');
    const json = await report('v1.0.0..v2.0.0', '--format', 'json', '--prereleases', '--changes', 'fix');
    const parsed = JSON.parse(json.out) as ReturnType<typeof reportJson>;
    expect(parsed.releases.map((r) => r.tag)).toEqual([
      'v1.1.0rc1',
      'v1.1.0',
      'v1.1.1',
      'v1.2.0',
      'v2.0.0rc1',
      'v2.0.0',
    ]);
    expect(parsed.counts).toEqual({ fix: 4 });
    const out = join(mkdtempSync(join(tmpdir(), 'rr-report-out-')), 'upgrade.html');
    const html = await report('1.0..', '--format', 'html', '--out', out, '--category', 'distributed');
    expect(html).toMatchObject({ code: 0, out: '' });
    expect(html.err).toMatch(
      /^report .*upgrade\.html: acme\/widgets v1\.0\.0\.\.v2\.0\.1, 5 releases, 7 changes \(1 parsed, 1 GitHub requests, \d+ ms\)\n$/,
    );
    const page = readFileSync(out, 'utf8'); // v2.0.1 was new: the markdown and JSON runs went up to v2.0.0
    expect(page).toContain('<h1>acme/widgets: upgrading from v1.0.0 to v2.0.1</h1>');
    expect(page).toContain('<style>'); // a page on its own: no stylesheet to link to
    expect(page).toMatch(
      /Remove dist\.old_gather\(\) \(<a href="https:\/\/github\.com\/acme\/widgets\/pull\/21">#21<\/a>\) <span class="versions">\(deprecated in v1\.1\.0, removed in v2\.0\.0\)<\/span>/,
    );
  });

  it('refuses bad input with a clear message', async () => {
    expect(await report('2.0')).toMatchObject({ code: 2, err: expect.stringMatching(/"2\.0" is not a range/) });
    expect(await report('1.0..2.0', '--changes', 'fixes')).toMatchObject({
      code: 2,
      err: expect.stringMatching(
        /invalid --changes "fixes": unknown "fixes"; expected kinds from breaking, deprecation/,
      ),
    });
    expect(await report('1.0..2.0', '--format', 'pdf')).toMatchObject({ code: 2 });
    expect(await report('2.0..1.0')).toMatchObject({
      code: 2,
      err: expect.stringContaining('v1.0.0 is not after v2.0.0: write the older version first'),
    });
  });
});

it('the fixture lists releases by date, not by version', () => {
  expect(PUBLISHED.indexOf('v1.1.1')).toBeGreaterThan(PUBLISHED.indexOf('v1.2.0'));
});
