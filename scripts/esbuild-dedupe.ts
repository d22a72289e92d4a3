/**
 * An esbuild plugin that bundles one copy of each package version. npm nests the same version of a package
 * under several parents when another version sits at the top (undici 6.29.1 under @discordjs/rest and
 * @actions/http-client, undici 7 at the top): esbuild would bundle each nested copy. Every import of such a
 * package goes to one copy, the first of its name and version in package-lock.json (so builds are repeatable).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';

/** `name@version` -> the lock's first install path for it, e.g. `node_modules/a/node_modules/undici`. */
function canonicalCopies(lockFile: string): Map<string, string> {
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, { version?: string }> };
  const out = new Map<string, string>();
  for (const [path, p] of Object.entries(lock.packages).sort(([a], [b]) => a.localeCompare(b))) {
    const name = /.*node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path)?.[1];
    if (name && p.version && !out.has(`${name}@${p.version}`)) out.set(`${name}@${p.version}`, path);
  }
  return out;
}

export function oneCopyPerVersion(root: string): Plugin {
  return {
    name: 'one-copy-per-version',
    setup(build) {
      const canonical = canonicalCopies(join(root, 'package-lock.json'));
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'one-copy-per-version') return undefined;
        const r = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'one-copy-per-version',
        });
        const m = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(r.path);
        if (r.errors.length || r.external || !m) return r.errors.length ? { errors: r.errors } : undefined;
        const [, dir, name] = m as unknown as [string, string, string];
        const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
        const copy = canonical.get(`${name}@${version}`);
        // esbuild resolves symlinks (a node_modules linked in from elsewhere): compare real paths.
        const copyDir = copy && realpathSync(join(root, copy));
        if (!copyDir || dir === copyDir) return undefined;
        return { path: copyDir + r.path.slice(dir.length), sideEffects: r.sideEffects };
      });
    },
  };
}
