// File names and ids of the site: safe, distinct and stable whatever a tag holds.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeGitHub } from '../src/fakes/github.js';
import { tfNotes } from '../src/fakes/notes.js';
import { stableId } from '../src/site/atom.js';
import { MAX_TAG_SEGMENT, relativeHref, releasePageUrl, sitePaths, tagSegment } from '../src/render/site-paths.js';
import { writeSite } from '../src/site/write-files.js';
import { runCli } from './helpers/cli.js';
import { poll } from './helpers/poll.js';
import { sqliteStore } from './helpers/stores.js';

const TF = 'tensorflow/tensorflow';

describe('site paths', () => {
  it('a tag becomes one safe path segment, distinct tags distinct segments', () => {
    const tags = ['v2.1.0', 'v2.1.0-rc1', 'nightly/1', 'nightly~2F1', '../../etc/passwd', '.hidden', 'ü', 'a b', ''];
    const segs = tags.map(tagSegment);
    for (const s of segs) {
      expect(s).toMatch(/^[A-Za-z0-9._~-]+$/);
      expect(s.startsWith('.')).toBe(false);
      expect(s).not.toContain('/');
    }
    expect(new Set(segs).size).toBe(tags.length);
    expect(tagSegment('v2.1.0')).toBe('v2.1.0');
    expect(tagSegment('nightly/1')).toBe('nightly~2F1');
  });

  it('a tag too long for a file name keeps a readable prefix and a hash; distinct tags stay distinct', () => {
    const emoji = '🚀'.repeat(25); // 12 bytes each once escaped: 300
    const long = `v${'1'.repeat(300)}`;
    const tags = [
      emoji,
      `${emoji}x`,
      long,
      `${long.slice(0, -1)}2`,
      'a'.repeat(MAX_TAG_SEGMENT),
      'a'.repeat(MAX_TAG_SEGMENT + 1),
    ];
    const segs = tags.map(tagSegment);
    expect(new Set(segs).size).toBe(tags.length);
    for (const s of segs) {
      expect(s.length).toBeLessThanOrEqual(MAX_TAG_SEGMENT);
      expect(Buffer.byteLength(`${s}.html`)).toBeLessThan(255);
      expect(s).toMatch(/^[A-Za-z0-9._~-]+$/);
    }
    expect(segs[0]).toMatch(/^(~F0~9F~9A~80)+~~[0-9a-f]{16}$/); // whole escapes, then the hash
    expect(segs[2]).toMatch(/^v1{50,}~~[0-9a-f]{16}$/);
    expect(segs[4]).toBe('a'.repeat(MAX_TAG_SEGMENT)); // fits: unchanged
    expect(tagSegment(emoji)).toBe(segs[0]); // stable
  });

  it('a site with such tags is written whole; a file that cannot be written does not stop the others', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'rr-site-paths-')), 'site');
    const files = new Map([
      [sitePaths.release('a/b', '🚀'.repeat(25)), 'emoji'],
      [sitePaths.release('a/b', `v${'1'.repeat(301)}`), 'long'],
      ['releases/a/b/blocked.html', 'blocked'],
      [sitePaths.release('a/b', 'v1'), 'v1'],
    ]);
    mkdirSync(join(dir, 'releases/a/b/blocked.html'), { recursive: true }); // a folder where a page goes
    const stats = writeSite(dir, files);
    expect(stats.failed.map((f) => f.path)).toEqual(['releases/a/b/blocked.html']);
    expect(stats.failed[0]!.error).toMatch(/EISDIR/);
    expect(stats.written.sort()).toEqual([...files.keys()].filter((p) => !p.includes('blocked')).sort());
    for (const p of stats.written) expect(readFileSync(join(dir, p), 'utf8')).toBe(files.get(p));
  });

  it('`release-radar site` with such tags writes every release; a page it cannot write is one line and exit 1', async () => {
    const gh = await new FakeGitHub().start();
    const ts = await sqliteStore();
    try {
      const tags = ['🚀'.repeat(25), `v${'1'.repeat(301)}`, 'v2.0.0'];
      for (const [i, tag] of tags.entries()) gh.publish(TF, { tag_name: tag, body: tfNotes(`2.${i}.0`) });
      await poll(ts.store, gh, { initial: 'all' });
      await ts.store.close();
      const out = join(mkdtempSync(join(tmpdir(), 'rr-site-tags-')), 'site');
      const site = () => runCli(['site', '--out', out, '--db', ts.location.sqlitePath!], { env: {} });
      const first = await site();
      expect(first.code, first.err).toBe(0);
      for (const tag of tags) expect(existsSync(join(out, sitePaths.release(TF, tag)))).toBe(true);

      // A folder where one release's page goes: that page fails, the rest is written.
      rmSync(join(out, sitePaths.release(TF, 'v2.0.0')));
      mkdirSync(join(out, sitePaths.release(TF, 'v2.0.0')));
      rmSync(join(out, sitePaths.api(TF, tags[0]!)));
      const second = await site();
      expect(second.code).toBe(1);
      expect(second.err).toBe(`release-radar: site: could not write ${sitePaths.release(TF, 'v2.0.0')} (EISDIR)\n`);
      expect(existsSync(join(out, sitePaths.api(TF, tags[0]!)))).toBe(true);
    } finally {
      await gh.close();
    }
  });

  it('links between pages are relative; full-list links absolute under the base URL', () => {
    expect(relativeHref(sitePaths.release('a/b', 'v1'), sitePaths.repo('a/b'))).toBe('../../../repos/a/b.html');
    expect(relativeHref(sitePaths.index, `${sitePaths.release('a/b', 'v1')}#mobile`)).toBe(
      'releases/a/b/v1.html#mobile',
    );
    expect(releasePageUrl('https://x.example/radar', 'a/b', 'nightly/1', 'mobile')).toBe(
      'https://x.example/radar/releases/a/b/nightly~2F1.html#mobile',
    );
  });

  it('feed ids are UUID names of what they identify: stable, and distinct per scope', () => {
    expect(stableId('a/b', 'v1', 'mobile')).toBe(stableId('a/b', 'v1', 'mobile'));
    expect(stableId('a/b', 'v1', 'mobile')).not.toBe(stableId('a/b', 'v1', '*'));
    expect(stableId('a/b', 'v1', 'mobile')).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('never writes outside the site folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-site-paths-'));
    expect(() => writeSite(join(dir, 'site'), new Map([['../escaped.html', 'x']]))).toThrow(
      /refusing to write outside the site folder/,
    );
  });
});
