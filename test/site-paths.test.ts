// File names and ids of the site: safe, distinct and stable whatever a tag holds.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stableId } from '../src/site/atom.js';
import { relativeHref, releasePageUrl, sitePaths, tagSegment } from '../src/site/paths.js';
import { writeSite } from '../src/site/write-files.js';

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
