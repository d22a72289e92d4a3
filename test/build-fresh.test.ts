// The CLI tests run bin/ -> dist/: the global setup rebuilds dist/ when a source is newer, so they test the current code.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleSources } from './helpers/build.js';

describe('dist/ is built from the current sources', () => {
  it('no source is newer than its compiled file when the tests run', () => {
    expect(staleSources()).toEqual([]);
  });

  it('a source edited after the build, or never built, is stale', () => {
    const root = mkdtempSync(join(tmpdir(), 'rr-build-'));
    const write = (path: string, at: Date) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), '');
      utimesSync(join(root, path), at, at);
    };
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    write('src/built.ts', t(1));
    write('dist/src/built.js', t(2));
    write('src/edited.ts', t(3));
    write('dist/src/edited.js', t(2));
    write('parsers/new.ts', t(1));
    write('src/types.d.ts', t(9));
    expect(staleSources(root).sort()).toEqual(['parsers/new.ts', 'src/edited.ts']);
  });
});
