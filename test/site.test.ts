// `release-radar site`: pages, feeds and JSON from the store, checked with a feed parser, an XML
// validator, a link checker and an HTML parser. The layout in Chromium is in site-layout.test.ts.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { DomUtils, parseDocument } from 'htmlparser2';
import { LinkChecker } from 'linkinator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tagSegment } from '../src/render/site-paths.js';
import { runCli } from './helpers/cli.js';
import { listFiles, ODD_TAG, PT, siteFixture, TF, TF_RELEASES, type SiteFixture } from './helpers/site.js';
import { poll } from './helpers/poll.js';

type Element = ReturnType<typeof DomUtils.findAll>[number];

const elements = (html: string): Element[] => DomUtils.findAll(() => true, parseDocument(html).children);

/** Live markup: a script element, an event-handler attribute, or a javascript: URL. */
function liveMarkup(html: string): string[] {
  const found: string[] = [];
  for (const el of elements(html)) {
    if (el.name === 'script') found.push('<script>');
    for (const [k, v] of Object.entries(el.attribs)) {
      if (/^on/i.test(k)) found.push(`${el.name} ${k}=`);
      if (/^(href|src|action|formaction|xlink:href)$/i.test(k) && /^\s*(javascript|data|vbscript):/i.test(v))
        found.push(`${el.name} ${k}=${v}`);
    }
  }
  return found;
}

describe('release-radar site', () => {
  let fx: SiteFixture;
  let out: string;
  let files: string[];
  let firstRun: { code: number; out: string; err: string };
  const read = (p: string) => readFileSync(join(out, p), 'utf8');

  beforeAll(async () => {
    fx = await siteFixture();
    out = join(mkdtempSync(join(tmpdir(), 'rr-site-out-')), 'site');
    firstRun = await fx.build(out);
    files = listFiles(out);
  });
  afterAll(async () => {
    await fx?.cleanup();
  });

  it('writes the index, a page per repo, release and category, the feeds and the JSON', () => {
    expect(firstRun.err).toBe('');
    expect(firstRun.code).toBe(0);
    const odd = tagSegment(ODD_TAG);
    expect(odd).toMatch(/^[A-Za-z0-9._~-]+$/);
    for (const f of [
      'index.html',
      'style.css',
      'repos/pytorch/pytorch.html',
      'repos/tensorflow/tensorflow.html',
      'releases/pytorch/pytorch/v2.9.0.html',
      `releases/tensorflow/tensorflow/${odd}.html`,
      'categories/distributed.html',
      'categories/quantization.html',
      'feeds/repos/pytorch/pytorch.atom',
      'feeds/repos/pytorch/pytorch/distributed.atom',
      'feeds/categories/mobile.atom',
      'api/pytorch/pytorch/v2.10.0.json',
      `api/tensorflow/tensorflow/${odd}.json`,
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('releases/'))).toHaveLength(TF_RELEASES + 2);
    expect(files.filter((f) => f.endsWith('.atom'))).toHaveLength(2 + 5 + 2 * 5);
    expect(firstRun.out).toMatch(/(\d+) files, \1 written, 0 unchanged, 0 removed/);
  });

  it('release pages group items by category (with an anchor each), then kind of change, breaking first', () => {
    const doc = parseDocument(read('releases/pytorch/pytorch/v2.10.0.html'));
    const section = DomUtils.findOne((e) => e.attribs.id === 'distributed', doc.children)!;
    expect(section).toBeTruthy();
    const headings = DomUtils.findAll((e) => e.name === 'h3', section.children).map((h) =>
      DomUtils.textContent(h).replace(/\s+/g, ' ').trim(),
    );
    // "See the c10d docs about …" is a documentation item by its words, under "Improvements" too
    expect(headings).toEqual(['Breaking 1', 'Improvements 3', 'Documentation 1']);
    const prLinks = DomUtils.findAll(
      (e) => e.name === 'a' && /\/pull\/\d+$/.test(e.attribs.href ?? ''),
      section.children,
    ).map((a) => a.attribs.href);
    expect(prLinks).toEqual(
      expect.arrayContaining([
        'https://github.com/pytorch/pytorch/pull/3001',
        'https://github.com/pytorch/pytorch/pull/3004',
      ]),
    );
    const page = read('releases/pytorch/pytorch/v2.9.0.html');
    expect(page).toContain('href="https://github.com/pytorch/pytorch/releases/tag/v2.9.0"');
    expect(page).toMatch(/id="packaging"/);
  });

  it('repo pages list releases newest first with counts per category and kind of change', () => {
    const doc = parseDocument(read('repos/tensorflow/tensorflow.html'));
    const tags = DomUtils.findAll((e) => e.name === 'a' && e.attribs.class === 'tag', doc.children).map((a) =>
      DomUtils.textContent(a),
    );
    expect(tags).toHaveLength(TF_RELEASES);
    expect(tags[0]).toBe(`v2.${TF_RELEASES - 1}.0`);
    expect(tags.at(-1)).toBe('v2.0.0');
    const pt = read('repos/pytorch/pytorch.html');
    // Counted in the words chat messages use: no "1 improvements" or "1 fixes" where a kind has one item.
    expect(pt).toMatch(
      /distributed<\/a> <strong>5<\/strong> <span class="kinds">\(1 breaking, 3 improved, 1 documented\)<\/span>/,
    );
    const summaries = [...read('repos/tensorflow/tensorflow.html').matchAll(/<span class="kinds">\(([^)]*)\)/g)];
    expect(summaries.length).toBeGreaterThan(0);
    for (const [, kinds] of summaries)
      expect(kinds).not.toMatch(/\b1 (?:improvements|fixes|deprecations|new features)\b/);
  });

  it('category pages show the latest changes in that area across repos', () => {
    const doc = parseDocument(read('categories/distributed.html'));
    const heads = DomUtils.findAll((e) => e.name === 'h2', doc.children).map((h) =>
      DomUtils.textContent(DomUtils.findOne((x) => x.name === 'a', h.children)!),
    );
    expect(heads[0]).toBe('pytorch/pytorch v2.10.0');
    expect(heads).toContain(`tensorflow/tensorflow v2.${TF_RELEASES - 1}.0`);
    expect(heads.length).toBeLessThanOrEqual(30);
  });

  it('api/<owner>/<name>/<tag>.json is what `query --format json` answers', async () => {
    for (const [repo, tag] of [
      [PT, 'v2.9.0'],
      [TF, 'v2.3.0'],
    ] as const) {
      const q = await runCli(
        ['query', repo, '--release', tag, '--format', 'json', '--config', fx.configFile, '--db', fx.dbPath],
        { env: {} },
      );
      expect(q.code).toBe(0);
      expect(JSON.parse(read(`api/${repo}/${tag}.json`))).toEqual(JSON.parse(q.out));
    }
  });

  it('every feed is well-formed Atom that a feed parser reads, with stable ids, dates, links and escaped HTML content', () => {
    const feeds = files.filter((f) => f.endsWith('.atom'));
    const idsByScope = new Map<string, string>();
    let nonEmpty = 0;
    for (const f of feeds) {
      const xml = read(f);
      expect(XMLValidator.validate(xml), f).toBe(true);
      const feed = parseFeed(xml);
      expect(feed.meta.type).toBe('atom');
      // The parser leaves out the feed id and decodes entry content twice (lenient with HTML that was
      // escaped twice), so ids and the HTML of entries are read from the XML itself.
      const dom = parseDocument(xml, { xmlMode: true });
      const feedEl = DomUtils.findOne((e) => e.name === 'feed', dom.children)!;
      expect(DomUtils.textContent(DomUtils.getElementsByTagName('id', feedEl.children, false)[0]!), f).toMatch(
        /^urn:uuid:[0-9a-f-]{36}$/,
      );
      const contents = DomUtils.getElementsByTagName('content', dom.children).map((c) => {
        expect(c.attribs.type).toBe('html');
        return DomUtils.textContent(c);
      });
      expect(contents).toHaveLength(feed.items.length);
      for (const html of contents) expect(liveMarkup(html), f).toEqual([]);
      expect(feed.title).toBeTruthy();
      expect(feed.updated).toBeInstanceOf(Date);
      expect(feed.self).toBe(posix.basename(f));
      expect(existsSync(join(out, dirname(f), feed.url!))).toBe(true);
      expect(feed.items.length).toBeLessThanOrEqual(50);
      if (feed.items.length) nonEmpty++;
      const ids = feed.items.map((i) => i.id);
      expect(new Set(ids).size, `${f}: entry ids are unique`).toBe(ids.length);
      for (const item of feed.items) {
        expect(item.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
        expect(item.updated).toBeInstanceOf(Date);
        expect(item.updated!.getTime()).toBeLessThanOrEqual(feed.updated!.getTime());
        const [path, anchor] = item.url!.split('#') as [string, string | undefined];
        const target = join(out, dirname(f), path);
        expect(existsSync(target), `${f}: ${item.url}`).toBe(true);
        if (anchor) expect(readFileSync(target, 'utf8')).toContain(`id="${anchor}"`);
        expect(item.content).toMatch(/<h2>|No item/);
        // The same release and scope is the same entry in every feed that carries it.
        const key = `${item.url}`;
        const prev = idsByScope.get(key);
        if (prev) expect(item.id).toBe(prev);
        idsByScope.set(key, item.id!);
      }
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(12); // empty ones: areas a repo had no item in
    // Scopes differ: the repo feed's entry and the category feed's entry of one release are distinct.
    const all = parseFeed(read('feeds/repos/pytorch/pytorch.atom')).items.find((i) =>
      i.title?.startsWith('pytorch/pytorch v2.10.0'),
    )!;
    const dist = parseFeed(read('feeds/repos/pytorch/pytorch/distributed.atom')).items.find((i) =>
      i.title?.startsWith('pytorch/pytorch v2.10.0'),
    )!;
    expect(all.id).not.toBe(dist.id);
    expect(parseFeed(read('feeds/categories/distributed.atom')).items.find((i) => i.id === dist.id)).toBeTruthy();
  });

  it('feeds hold the newest 50 releases; an edited release is updated at its edit', () => {
    const tf = parseFeed(read('feeds/repos/tensorflow/tensorflow.atom'));
    expect(tf.items).toHaveLength(50);
    expect(tf.items[0]!.title).toBe(`tensorflow/tensorflow v2.${TF_RELEASES - 1}.0`);
    expect(tf.items.map((i) => i.title)).not.toContain('tensorflow/tensorflow v2.0.0');
    const pt = parseFeed(read('feeds/repos/pytorch/pytorch.atom'));
    const edited = pt.items.find((i) => i.title === 'pytorch/pytorch v2.9.0')!;
    expect(edited.updated!.getTime()).toBeGreaterThan(edited.published!.getTime());
    expect(edited.content).toContain('Added FSDP2 prefetch');
    const untouched = tf.items[0]!;
    expect(untouched.updated!.getTime()).toBe(untouched.published!.getTime());
  });

  it('release text cannot inject markup: no script, handler or javascript: link in any page or feed', () => {
    for (const f of files.filter((x) => x.endsWith('.html'))) expect(liveMarkup(read(f)), f).toEqual([]);
    const page = read('releases/pytorch/pytorch/v2.10.0.html');
    const text = DomUtils.textContent(parseDocument(page).children);
    // Kept, as text: the code span with a script tag, the CDATA terminator, the hostile release name.
    expect(text).toContain('<script>alert(4)</script>');
    expect(text).toContain(']]>');
    expect(text).toContain('<script>alert(5)</script> ]]> 2.10');
    expect(page).not.toContain('javascript:');
    const feed = read('feeds/repos/pytorch/pytorch.atom');
    expect(feed).not.toContain('<![CDATA[');
    expect(feed).not.toMatch(/<script/i);
    expect(feed).not.toContain('javascript:alert(6)');
    const dom = parseDocument(feed, { xmlMode: true });
    const entry = DomUtils.getElementsByTagName('entry', dom.children).find((e) =>
      DomUtils.textContent(DomUtils.getElementsByTagName('title', e.children)[0]!).startsWith(
        'pytorch/pytorch v2.10.0',
      ),
    )!;
    const title = DomUtils.textContent(DomUtils.getElementsByTagName('title', entry.children)[0]!);
    const html = DomUtils.textContent(DomUtils.getElementsByTagName('content', entry.children)[0]!);
    expect(html).toContain('&lt;script&gt;alert(4)&lt;/script&gt;');
    expect(html).toContain(']]&gt;');
    expect(DomUtils.textContent(parseDocument(html).children)).toContain(
      'Escaped <script>alert(4)</script> and ]]> in c10d logs',
    );
    expect(title).toBe('pytorch/pytorch v2.10.0');
  });

  it('a link checker finds no broken internal link, and every #anchor exists', async () => {
    const checker = new LinkChecker();
    const result = await checker.check({
      path: out,
      recurse: true,
      concurrency: 20,
      linksToSkip: async (link) => !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(link),
    });
    const checked = result.links.filter((l) => l.state !== 'SKIPPED');
    expect(checked.length).toBeGreaterThan(files.length / 2);
    expect(result.links.filter((l) => l.state === 'BROKEN').map((l) => `${l.url} (from ${l.parent})`)).toEqual([]);
    // Fragments: linkinator does not check them, so every local href with a # is resolved here.
    const ids = new Map<string, Set<string>>();
    const idsOf = (p: string) => {
      let s = ids.get(p);
      if (!s) ids.set(p, (s = new Set(elements(read(p)).flatMap((e) => (e.attribs.id ? [e.attribs.id] : [])))));
      return s;
    };
    let anchors = 0;
    for (const f of files.filter((x) => x.endsWith('.html'))) {
      for (const a of elements(read(f)).filter(
        (e) => e.name === 'a' && e.attribs.href && !/^[a-z]+:/i.test(e.attribs.href),
      )) {
        const [path, hash] = a.attribs.href!.split('#') as [string, string | undefined];
        const target = path ? posix.normalize(posix.join(posix.dirname(f), path)) : f;
        expect(files, `${f} links to ${a.attribs.href}`).toContain(target);
        if (hash !== undefined) {
          anchors++;
          expect(idsOf(target).has(hash), `${f} links to ${a.attribs.href}`).toBe(true);
        }
      }
    }
    expect(anchors).toBeGreaterThan(50);
  });

  it('the index charts one bar group per release, in the recent window', () => {
    const doc = parseDocument(read('index.html'));
    const charts = DomUtils.findAll((e) => e.name === 'svg', doc.children);
    expect(charts.map((c) => c.attribs.class)).toEqual([
      'chart chart-wide',
      'chart chart-narrow',
      'chart chart-wide',
      'chart chart-narrow',
    ]);
    const groups = charts.map(
      (c) => DomUtils.findAll((e) => e.name === 'g' && e.attribs.class === 'release', c.children).length,
    );
    expect(groups).toEqual([2, 2, 12, 6]);
    for (const c of charts) {
      expect(DomUtils.textContent(c)).toMatch(/items per category/);
      expect(DomUtils.textContent(c)).toMatch(/release \(oldest to newest\)/);
    }
  });

  it('rewrites only files whose content changed, and removes pages of deleted releases', async () => {
    const again = await fx.build(out);
    expect(again.out).toMatch(/(\d+) files, 0 written, \1 unchanged, 0 removed/);
    // Old mtimes on everything: whatever is written next shows.
    const past = new Date('2020-01-01T00:00:00Z');
    for (const f of files) utimesSync(join(out, f), past, past);
    // Within the first page of the listing, where a poll sees edits and deletions.
    fx.gh.edit(
      TF,
      'v2.50.0',
      ['# Release 2.50.0', '', '## Bug Fixes and Other Changes', '', '*   Windows: fixed a path bug.'].join('\r\n'),
    );
    fx.gh.remove(TF, 'v2.52.0');
    await poll(fx.ts.store, fx.gh, { repos: [TF] });
    const third = await fx.build(out);
    expect(third.code).toBe(0);
    const changed = listFiles(out).filter(
      (f) => !f.startsWith('.') && statSync(join(out, f)).mtime.getTime() !== past.getTime(),
    );
    expect(changed).toContain('releases/tensorflow/tensorflow/v2.50.0.html');
    expect(changed).toContain('feeds/repos/tensorflow/tensorflow.atom');
    expect(changed.filter((f) => f.startsWith('releases/') || f.startsWith('api/'))).toEqual([
      'api/tensorflow/tensorflow/v2.50.0.json',
      'releases/tensorflow/tensorflow/v2.50.0.html',
    ]);
    expect(changed.length).toBeLessThan(files.length / 4);
    expect(existsSync(join(out, 'releases/tensorflow/tensorflow/v2.52.0.html'))).toBe(false);
    expect(existsSync(join(out, 'api/tensorflow/tensorflow/v2.52.0.json'))).toBe(false);
    expect(third.out).toMatch(/, 2 removed/);
  });

  it('with a base URL, feed links are absolute under it', async () => {
    const out2 = join(mkdtempSync(join(tmpdir(), 'rr-site-out-')), 'site');
    const r = await fx.build(out2, ['--base-url', 'https://radar.example.com/ml']);
    expect(r.code).toBe(0);
    const feed = parseFeed(readFileSync(join(out2, 'feeds/categories/distributed.atom'), 'utf8'));
    expect(feed.self).toBe('https://radar.example.com/ml/feeds/categories/distributed.atom');
    expect(feed.items[0]!.url).toBe('https://radar.example.com/ml/releases/pytorch/pytorch/v2.10.0.html#distributed');
  });

  it('templates are overridable file by file from the templates folder of the config', async () => {
    const tpl = join(fx.dir, 'my-templates');
    mkdirSync(join(tpl, 'site'), { recursive: true });
    writeFileSync(join(tpl, 'site', 'style.css'), 'body { color: rebeccapurple; }\n');
    writeFileSync(
      join(tpl, 'site', 'kinds.liquid'),
      '{% for k in kinds %}<p class="mine">{{ k.label }}: {{ k.count }}</p>{% endfor %}',
    );
    const configFile = join(fx.dir, 'with-templates.yaml');
    writeFileSync(configFile, `repos: [${PT}, ${TF}]\ntemplates: ./my-templates\n`);
    const out3 = join(mkdtempSync(join(tmpdir(), 'rr-site-out-')), 'site');
    const r = await runCli(['site', '--out', out3, '--config', configFile, '--db', fx.dbPath], { env: {} });
    expect(r.code).toBe(0);
    expect(readFileSync(join(out3, 'style.css'), 'utf8')).toBe('body { color: rebeccapurple; }\n');
    const page = readFileSync(join(out3, 'releases/pytorch/pytorch/v2.9.0.html'), 'utf8');
    expect(page).toContain('<p class="mine">Improvements: 1</p><p class="mine">Fixes: 1</p>');
    expect(page).toContain('<section class="category" id="distributed">'); // the built-in page around it
  });

  it('bad input: a malformed --base-url or a missing store is a usage error that says what to do', async () => {
    const bad = await fx.build(join(fx.dir, 'x'), ['--base-url', 'javascript:alert(1)']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/invalid --base-url "javascript:alert\(1\)": expected an http\(s\) URL/);
    const none = await runCli(
      ['site', '--out', join(fx.dir, 'y'), '--config', fx.configFile, '--db', join(fx.dir, 'nope.db')],
      { env: {} },
    );
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no store at .*nope\.db: run `release-radar poll` first/);
    expect(existsSync(join(fx.dir, 'nope.db'))).toBe(false);
  });
});
