/**
 * The built-in config (config/default.yaml) and categories (config/categories.yaml), validated, as JSON that
 * `npm run build` writes (dist/builtin-config.json), keyed by a hash of both files. With no config of the
 * user's, `parse` and `poll` then start without the YAML parser and zod (a third of `parse`'s start-up). A
 * missing or stale cache (a YAML file edited since the build) is ignored: the files are parsed as before.
 * Cheap to import: node:fs and node:crypto only.
 */
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_CATEGORIES_FILE, DEFAULT_CONFIG_FILE, PACKAGE_ROOT } from '../paths.js';
import type { CategoryRules, LoadedConfig } from './schema.js';

export const BUILTIN_CACHE_FILE = join(PACKAGE_ROOT, 'dist', 'builtin-config.json');

export interface BuiltinCache {
  /** sha256 of config/default.yaml and config/categories.yaml, as they were when the cache was written. */
  sources: string;
  categories: Record<string, CategoryRules>;
  /** The default config, validated, without `file`; absent when it names environment variables. */
  config?: Omit<LoadedConfig, 'file'>;
}

/**
 * What the cache depends on: both YAML files and the schema code that validates them, as this process runs
 * it: src/*.ts under tsx (which therefore never uses a cache the build wrote), else the compiled dist/src/*.js,
 * which the same build also bundled into dist/cli/.
 */
export function builtinSourcesHash(): string {
  const fromSource = import.meta.url.endsWith('.ts');
  const code = ['config/schema', 'classify/rules-schema'].map((m) =>
    fromSource ? join(PACKAGE_ROOT, 'src', `${m}.ts`) : join(PACKAGE_ROOT, 'dist', 'src', `${m}.js`),
  );
  return hash(
    'sha256',
    [DEFAULT_CONFIG_FILE, BUILTIN_CATEGORIES_FILE, ...code].map((f) => readFileSync(f, 'utf8')).join('\0'),
  );
}

let cached: BuiltinCache | null | undefined;
/** The cache when it matches the YAML files; null otherwise. */
export function readBuiltinCache(file = BUILTIN_CACHE_FILE): BuiltinCache | null {
  if (cached !== undefined && file === BUILTIN_CACHE_FILE) return cached;
  let found: BuiltinCache | null = null;
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as BuiltinCache;
    if (c.sources === builtinSourcesHash()) found = c;
  } catch {
    found = null; // no cache (not built yet) or no compiled schema beside it: parse the YAML
  }
  if (file === BUILTIN_CACHE_FILE) cached = found;
  return found;
}

/** The default config from the cache, or null when the caller must parse the files. */
export function cachedDefaultConfig(): LoadedConfig | null {
  const c = readBuiltinCache();
  return c?.config ? { ...structuredClone(c.config), file: DEFAULT_CONFIG_FILE } : null;
}
