/** Is dist/ (what bin/ runs) built from the current sources? */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Source files (src/, parsers/) whose compiled file in dist/ is missing or older than they are, or than which
 * the CLI bundle (dist/cli/run.js, what bin/ runs) is older; and the bundle's own build scripts when newer than it.
 */
export function staleSources(root = ROOT): string[] {
  const stale: string[] = [];
  const bundle = join(root, 'dist', 'cli', 'run.js');
  const bundledAt = existsSync(bundle) ? statSync(bundle).mtimeMs : -Infinity;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const rel = relative(root, path);
        const out = join(root, 'dist', rel.replace(/\.ts$/, '.js'));
        const at = statSync(path).mtimeMs;
        if (!existsSync(out) || statSync(out).mtimeMs < at || bundledAt < at) stale.push(rel);
      }
    }
  };
  for (const dir of ['src', 'parsers']) if (existsSync(join(root, dir))) walk(join(root, dir));
  // How the bundle is made: an edit there changes dist/cli/ too.
  for (const rel of ['scripts/build-cli.ts', 'scripts/esbuild-options.ts']) {
    const path = join(root, rel);
    if (existsSync(path) && bundledAt < statSync(path).mtimeMs) stale.push(rel);
  }
  return stale;
}
