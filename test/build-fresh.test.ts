// The CLI tests run bin/ -> dist/: the global setup rebuilds dist/ when a source is newer, so they test the current code.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleSources } from './helpers/build.js';

/** A scratch tree: `write(path, s)` makes an empty file last modified `s` seconds into 2026. */
function scratchTree() {
  const root = mkdtempSync(join(tmpdir(), 'rr-build-'));
  const write = (path: string, s: number) => {
    const at = new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), at, at);
  };
  return { root, write };
}

describe('dist/ is built from the current sources', () => {
  it('no source is newer than its compiled file when the tests run', () => {
    expect(staleSources()).toEqual([]);
  });

  it('a source edited after the build, or never built, is stale', () => {
    const { root, write } = scratchTree();
    write('src/built.ts', 1);
    write('dist/src/built.js', 2);
    write('src/edited.ts', 3);
    write('dist/src/edited.js', 2);
    write('parsers/new.ts', 1);
    write('src/types.d.ts', 9);
    write('dist/cli/run.js', 2);
    expect(staleSources(root).sort()).toEqual(['parsers/new.ts', 'src/edited.ts']);
  });

  it('a source newer than the CLI bundle (what bin/ runs) is stale, though compiled since', () => {
    const { root, write } = scratchTree();
    write('src/a.ts', 3);
    write('dist/src/a.js', 4);
    write('parsers/b.ts', 1);
    write('dist/parsers/b.js', 4);
    write('dist/cli/run.js', 2);
    expect(staleSources(root)).toEqual(['src/a.ts']);
  });

  it('an edit to how the bundle is made (scripts/build-cli.ts) makes it stale', () => {
    const { root, write } = scratchTree();
    write('src/a.ts', 1);
    write('dist/src/a.js', 2);
    write('dist/cli/run.js', 2);
    write('scripts/build-cli.ts', 3);
    write('scripts/esbuild-options.ts', 1);
    expect(staleSources(root)).toEqual(['scripts/build-cli.ts']);
  });
});
