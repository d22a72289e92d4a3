/** Where the package's own files (config/, templates/) live, whether run from src/ (tsx) or dist/ (built). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'config'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('release-radar: cannot find the package root (package.json with config/)');
    dir = up;
  }
  return dir;
}

export const PACKAGE_ROOT = findPackageRoot();
export const BUILTIN_CATEGORIES_FILE = join(PACKAGE_ROOT, 'config', 'categories.yaml');
export const DEFAULT_CONFIG_FILE = join(PACKAGE_ROOT, 'config', 'default.yaml');
export const BUILTIN_TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');
export const PACKAGE_VERSION = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
