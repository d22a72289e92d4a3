/**
 * Reading config: YAML with ${VAR} interpolation, validated by the zod schema. `validateConfig` is pure;
 * `loadConfig` only adds the file system. Errors name the file, the key path and what was expected.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { BUILTIN_CATEGORIES_FILE } from '../paths.js';
import { ConfigError, UsageError } from '../domain/errors.js';
import { CategoriesFileSchema, ConfigSchema, type CategoryRules, type Config, type LoadedConfig } from './schema.js';
import { formatZodIssues, keyPath } from './zod-issues.js';
import { readBuiltinCache } from './builtin-cache.js';
import { resolveConfigFile } from './locate.js';
import { DEFERRED_SECTIONS } from './deferred-env.js';
import { ENV_REF } from '../domain/env-ref.js';
import { CONFIG_LIMITS, configSizeProblems } from './limits.js';
import { closest } from './suggest.js';

export type { LoadedConfig };

/**
 * Replaces ${VAR} in every string value; a variable that is not set stays as it is written and is a problem
 * naming the key (one a command that sends may take up later: see deferred-env.ts).
 */
export function interpolateEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  problems: string[],
  path: PropertyKey[] = [],
): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REF, (ref, name: string) => {
      const v = env[name];
      if (v === undefined || v === '') {
        problems.push(
          `${keyPath(path)}: environment variable ${name} is not set (export it, or put the value in the file)`,
        );
        return ref;
      }
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, problems, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env, problems, [...path, k])]),
    );
  }
  return value;
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > CONFIG_LIMITS.bytes)
      throw new ConfigError(file, [
        `the file is ${size} bytes (at most ${CONFIG_LIMITS.bytes}); a config lists repos, categories and destinations, not data`,
      ]);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new UsageError(
      `${file}: cannot read config file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => `YAML syntax: ${e.message.split('\n')[0]}`),
    );
  }
  try {
    return doc.toJS({ maxAliasCount: CONFIG_LIMITS.aliases }) ?? null;
  } catch (e) {
    // yaml refuses aliases that expand past the count (a "billion laughs" file).
    throw new ConfigError(file, [
      `YAML aliases: ${(e as Error).message} (at most ${CONFIG_LIMITS.aliases} expansions); write the values out instead of repeating aliases`,
    ]);
  }
}

/** config/categories.yaml, parsed and validated (the slow path the build's cache spares). */
export function parseBuiltinCategories(): Record<string, CategoryRules> {
  const parsed = CategoriesFileSchema.safeParse(readYaml(BUILTIN_CATEGORIES_FILE));
  if (!parsed.success) throw new ConfigError(BUILTIN_CATEGORIES_FILE, formatZodIssues(parsed.error));
  return parsed.data.categories;
}

let builtinCache: Record<string, CategoryRules> | undefined;
export function builtinCategories(): Record<string, CategoryRules> {
  builtinCache ??= readBuiltinCache()?.categories ?? parseBuiltinCategories();
  return builtinCache;
}

export function mergeCategories(
  builtin: Record<string, CategoryRules>,
  user: Record<string, CategoryRules>,
): Record<string, CategoryRules> {
  const out: Record<string, CategoryRules> = { ...builtin };
  for (const [name, rules] of Object.entries(user)) {
    const base = builtin[name];
    if (!rules.extend || !base) {
      out[name] = rules;
      continue;
    }
    out[name] = {
      ...base,
      description: rules.description ?? base.description,
      headings: [...base.headings, ...rules.headings],
      parents: [...base.parents, ...rules.parents],
      modules: [...base.modules, ...rules.modules],
      keywords: [...base.keywords, ...rules.keywords],
      regexes: [...base.regexes, ...rules.regexes],
      exclude: [...base.exclude, ...rules.exclude],
      exclude_context: [...base.exclude_context, ...rules.exclude_context],
    };
  }
  return out;
}

/** Cross-field rules zod does not see: unique destination names, subscriptions naming known ones. */
function checkReferences(config: Config, problems: string[]): void {
  const names = new Set<string>();
  for (const [i, d] of config.destinations.entries()) {
    if (names.has(d.name)) problems.push(`destinations[${i}].name: "${d.name}" is used twice; names must be unique`);
    names.add(d.name);
  }
  const digestNames = new Set<string>();
  for (const [i, d] of config.digests.entries()) {
    if (digestNames.has(d.name)) problems.push(`digests[${i}].name: "${d.name}" is used twice; names must be unique`);
    digestNames.add(d.name);
  }
  if (config.digests.length && !config.email)
    problems.push('email: digests need an `email:` section with at least `from:` (and smtp_url, or SMTP_URL set)');
  // poll reads only the tracked repos: a subscription (or digest) naming another would never get anything.
  const tracked = config.repos.map((r) => r.name);
  const untracked = (what: string, repos: readonly string[] | undefined) => {
    for (const [j, r] of (repos ?? []).entries()) {
      if (tracked.includes(r)) continue;
      const alias = config.repos.find((x) => x.aliases.includes(r))?.name;
      problems.push(
        `${what}.repos[${j}]: ${r} is not tracked by this config (tracked: ${tracked.join(', ')}); ${alias ? `write ${alias}` : 'add it to `repos:`, or remove it here'}`,
      );
    }
  };
  for (const [i, s] of config.subscriptions.entries()) untracked(`subscriptions[${i}]`, s.repos);
  for (const [i, d] of config.digests.entries()) untracked(`digests[${i}]`, d.repos);
  for (const [i, s] of config.subscriptions.entries()) {
    if (!names.has(s.destination)) {
      const known = names.size ? `known: ${[...names].join(', ')}` : 'no destinations are configured';
      problems.push(`subscriptions[${i}].destination: unknown destination "${s.destination}" (${known})`);
    }
  }
}

/** Pure: raw YAML value + environment to a validated config. */
export function validateConfig(raw: unknown, file: string, env: NodeJS.ProcessEnv): LoadedConfig {
  // Sizes first: validating (and compiling) 300,000 patterns is itself the cost to avoid.
  const tooBig = configSizeProblems(raw);
  if (tooBig.length) throw new ConfigError(file, tooBig);
  const unsetVars: string[] = [];
  const interpolated = interpolateEnv(raw, env, unsetVars);
  const parsed = ConfigSchema.safeParse(interpolated);
  const keyOf = (p: string) => p.slice(0, p.indexOf(': '));
  const schemaProblems = parsed.success ? [] : formatZodIssues(parsed.error);
  const badKeys = new Set(schemaProblems.map(keyOf));
  // A ${VAR} not set waits for the command that sends when it is in a destination or `email` and the schema
  // takes it as written; anywhere else it is a problem now.
  const problems = unsetVars.filter(
    (p) =>
      badKeys.has(keyOf(p)) ||
      !DEFERRED_SECTIONS.some((s) => keyOf(p) === s || keyOf(p).startsWith(`${s}[`) || keyOf(p).startsWith(`${s}.`)),
  );
  // A key whose ${VAR} is not set already has its problem: the schema's complaint about it would contradict it.
  const unset = new Set(unsetVars.map(keyOf));
  problems.push(...schemaProblems.filter((p) => !unset.has(keyOf(p))));
  if (problems.length || !parsed.success) throw new ConfigError(file, problems);
  const config = parsed.data;
  checkReferences(config, problems);
  if (problems.length) throw new ConfigError(file, problems);
  const builtin = builtinCategories();
  // `extend: true` adds to a built-in category: a name that is not one is a typo, not a new category.
  for (const [name, rules] of Object.entries(config.categories)) {
    if (!rules.extend || builtin[name]) continue;
    const guess = closest(name, Object.keys(builtin));
    problems.push(
      `categories.${name}.extend: there is no built-in category ${name} to extend${guess ? `; did you mean ${guess}?` : ''} (built-in: ${Object.keys(builtin).join(', ')}; leave out \`extend\` for a category of your own)`,
    );
  }
  if (problems.length) throw new ConfigError(file, problems);
  const resolvedCategories = mergeCategories(builtin, config.categories);
  for (const [i, d] of config.digests.entries()) {
    for (const [j, c] of (d.categories ?? []).entries()) {
      if (!resolvedCategories[c])
        problems.push(
          `digests[${i}].categories[${j}]: unknown category "${c}" (known: ${Object.keys(resolvedCategories).join(', ')})`,
        );
    }
  }
  for (const [i, s] of config.subscriptions.entries()) {
    for (const [j, c] of (s.categories ?? []).entries()) {
      if (!resolvedCategories[c])
        problems.push(
          `subscriptions[${i}].categories[${j}]: unknown category "${c}" (known: ${Object.keys(resolvedCategories).join(', ')})`,
        );
    }
  }
  const tracked = config.repos.map((r) => r.name);
  for (const [i, u] of (config.site?.upgrades ?? []).entries()) {
    if (!tracked.includes(u.repo))
      problems.push(
        `site.upgrades[${i}].repo: "${u.repo}" is not tracked (the site shows stored releases; tracked: ${tracked.join(', ')})`,
      );
    for (const [j, c] of (u.categories ?? []).entries()) {
      if (!resolvedCategories[c])
        problems.push(
          `site.upgrades[${i}].categories[${j}]: unknown category "${c}" (known: ${Object.keys(resolvedCategories).join(', ')})`,
        );
    }
  }
  if (problems.length) throw new ConfigError(file, problems);
  if (config.only_categories) {
    for (const [i, c] of config.only_categories.entries()) {
      if (!resolvedCategories[c]) {
        throw new ConfigError(file, [
          `only_categories[${i}]: unknown category "${c}" (known: ${Object.keys(resolvedCategories).join(', ')})`,
        ]);
      }
    }
    for (const name of Object.keys(resolvedCategories)) {
      if (!config.only_categories.includes(name)) delete resolvedCategories[name];
    }
  }
  return { ...config, resolvedCategories, file };
}

export function loadConfig(explicit: string | undefined, env: NodeJS.ProcessEnv, cwd = process.cwd()): LoadedConfig {
  const file = resolveConfigFile(explicit, cwd);
  const raw = readYaml(file);
  // An empty file is more likely a mistake (a truncated copy, a wrong path) than a wish for the defaults.
  if (raw === null || (typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length === 0)) {
    throw new UsageError(
      `${file}: the config file is empty; write at least \`repos:\` (see config/example.yaml), or remove the file to use the built-in default`,
    );
  }
  return validateConfig(raw, file, env);
}
