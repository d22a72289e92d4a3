// The build scripts run their main part only when node runs them: a path with a space must still count.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMain } from '../scripts/is-main.js';

describe('isMain', () => {
  it('knows the script from a path that a URL escapes (a space, a percent sign)', () => {
    for (const path of ['/tmp/rr space/dist/scripts/build-cli.js', '/tmp/100%/build.js', '/tmp/plain/build.js'])
      expect(isMain(pathToFileURL(path).href, path)).toBe(true);
  });

  it('is false for another module, or when node runs no script', () => {
    expect(isMain(pathToFileURL('/tmp/a/x.js').href, '/tmp/a/y.js')).toBe(false);
    expect(isMain(pathToFileURL('/tmp/a/x.js').href, undefined)).toBe(false);
  });
});
