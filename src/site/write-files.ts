/**
 * Writes the site into its folder, touching only files whose bytes changed (so a rebuild after one edit
 * rewrites a handful of files, and mtimes, rsync and Pages uploads see only real changes). A manifest of
 * the files written lets the next build remove what is no longer generated (a deleted release's page)
 * without touching anything else in the folder. A file that cannot be written (a folder in its place, a full
 * disk) is reported and the others are written all the same: one bad release never stops the site.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

export const MANIFEST = '.release-radar-site.json';

export interface WriteStats {
  written: string[];
  unchanged: number;
  removed: string[];
  /** Files that could not be written, and why. */
  failed: { path: string; error: string }[];
}

function readManifest(dir: string): string[] {
  try {
    const list = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as unknown;
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function writeSite(dir: string, files: ReadonlyMap<string, string>): WriteStats {
  const root = resolve(dir);
  const inside = (p: string) => {
    const abs = resolve(root, p);
    if (!abs.startsWith(root + sep)) throw new Error(`refusing to write outside the site folder: ${p}`);
    return abs;
  };
  const stats: WriteStats = { written: [], unchanged: 0, removed: [], failed: [] };
  mkdirSync(root, { recursive: true });
  for (const [path, content] of files) {
    const abs = inside(path);
    const bytes = Buffer.from(content);
    try {
      if (existsSync(abs) && readFileSync(abs).equals(bytes)) {
        stats.unchanged++;
        continue;
      }
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, bytes);
      stats.written.push(path);
    } catch (e) {
      stats.failed.push({ path, error: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    }
  }
  for (const old of readManifest(root)) {
    const abs = resolve(root, old);
    if (files.has(old) || !abs.startsWith(root + sep)) continue;
    if (existsSync(abs)) {
      rmSync(abs);
      stats.removed.push(old);
    }
  }
  const failed = new Set(stats.failed.map((f) => f.path));
  const manifest = JSON.stringify([...files.keys()].filter((p) => !failed.has(p)).sort(), null, 1) + '\n';
  const mpath = join(root, MANIFEST);
  if (!existsSync(mpath) || readFileSync(mpath, 'utf8') !== manifest) writeFileSync(mpath, manifest);
  return stats;
}
