/**
 * `${VAR}`s the config names but the environment does not set, in the parts only sending reads: the
 * destinations (their tokens and webhooks) and `email` (the SMTP server). Loading leaves such a `${VAR}` in
 * place instead of failing, so that `parse`, `query`, `site` and a digest job that has only SMTP_URL work
 * with a config that also names the chat secrets; a command that sends checks the parts it uses with
 * `requireEnv` before it starts, and fails naming the key and the variable (never a value).
 */
import { ConfigError } from '../domain/errors.js';
import type { LoadedConfig } from './schema.js';
import { keyPath } from './zod-issues.js';
import { ENV_REF } from '../domain/env-ref.js';

/** The top-level keys whose `${VAR}`s may wait until a command uses them. */
export const DEFERRED_SECTIONS = ['destinations', 'email'] as const;
export type DeferredSection = (typeof DEFERRED_SECTIONS)[number];

/** Every `${VAR}` left in `value` (their variables were not set when the config was read), with its key path. */
export function unsetVariables(value: unknown, path: PropertyKey[]): { path: string; name: string }[] {
  if (typeof value === 'string') return [...value.matchAll(ENV_REF)].map((m) => ({ path: keyPath(path), name: m[1]! }));
  if (Array.isArray(value)) return value.flatMap((v, i) => unsetVariables(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => unsetVariables(v, [...path, k]));
  return [];
}

/**
 * Fails (exit 2) when a section the command uses still has a `${VAR}` that is not set; `why` says who needs it.
 * These hold secrets, so the fix named is the environment, never the value written into the file.
 */
export function requireEnv(config: LoadedConfig, sections: readonly DeferredSection[], why: string): void {
  const problems = sections
    .flatMap((s) => unsetVariables(config[s], [s]))
    .map(
      (u) =>
        `${u.path}: environment variable ${u.name} is not set (${why}: export it (in GitHub Actions: a repository secret, passed in the env: of the step))`,
    );
  if (problems.length) throw new ConfigError(config.file, problems);
}
