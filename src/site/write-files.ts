/**
 * Writes the site into its folder, touching only files whose bytes changed (so a rebuild after one edit
 * rewrites a handful of files, and mtimes, rsync and Pages uploads see only real changes). A manifest of
 * the files written lets the next build remove what is no longer generated (a deleted release's page)
 * without touching anything else in the folder.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

export const MANIFEST = '.release-radar-site.json';

export interface WriteStats {
  written: string[];
  unchanged: number;
  removed: string[];
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
  const stats: WriteStats = { written: [], unchanged: 0, removed: [] };
  mkdirSync(root, { recursive: true });
  for (const [path, content] of files) {
    const abs = inside(path);
    const bytes = Buffer.from(content);
    if (existsSync(abs) && readFileSync(abs).equals(bytes)) {
      stats.unchanged++;
      continue;
    }
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, bytes);
    stats.written.push(path);
  }
  for (const old of readManifest(root)) {
    const abs = resolve(root, old);
    if (files.has(old) || !abs.startsWith(root + sep)) continue;
    if (existsSync(abs)) {
      rmSync(abs);
      stats.removed.push(old);
    }
  }
  const manifest = JSON.stringify([...files.keys()].sort(), null, 1) + '\n';
  const mpath = join(root, MANIFEST);
  if (!existsSync(mpath) || readFileSync(mpath, 'utf8') !== manifest) writeFileSync(mpath, manifest);
  return stats;
}
