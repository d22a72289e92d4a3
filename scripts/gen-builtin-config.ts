/**
 * Run by `npm run build` (from dist/): writes dist/builtin-config.json, the built-in config and categories
 * validated once, keyed by a hash of their YAML files (see src/config/builtin-cache.ts).
 */
import { isMain } from './is-main.js';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BUILTIN_CACHE_FILE, builtinSourcesHash, type BuiltinCache } from '../src/config/builtin-cache.js';
import { loadConfig, parseBuiltinCategories } from '../src/config/load.js';
import { DEFAULT_CONFIG_FILE } from '../src/paths.js';

export function builtinCache(): BuiltinCache {
  const sources = builtinSourcesHash();
  const categories = parseBuiltinCategories();
  // A default config naming ${VAR}s depends on the environment: then only the categories are cached.
  if (readFileSync(DEFAULT_CONFIG_FILE, 'utf8').includes('${')) return { sources, categories };
  const { file: _file, ...config } = loadConfig(DEFAULT_CONFIG_FILE, {});
  return { sources, categories, config };
}

if (isMain(import.meta.url)) {
  rmSync(BUILTIN_CACHE_FILE, { force: true }); // computed from the files, never from an older cache
  writeFileSync(BUILTIN_CACHE_FILE, JSON.stringify(builtinCache()) + '\n');
  console.log(`wrote ${BUILTIN_CACHE_FILE}`);
}
