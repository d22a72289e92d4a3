/**
 * The environment variables release-radar reads: one zod schema, next to the config file's. The CLI's
 * composition root parses the environment once with it and hands typed values on; nothing else reads
 * `process.env` (the config file's `${VAR}`s are interpolated from the raw environment, by name). What each
 * variable means, who reads it and whether it is a secret is in env-vars.ts (plain data that `--help` reads
 * without zod); `npm run docs` writes the environment table of docs/configuration.md from both, and the secrets feed the
 * logger's redaction.
 */
import { z } from 'zod';
import { UsageError } from '../domain/errors.js';
import { formatZodIssues } from './zod-issues.js';
import { envVariables, type EnvName } from './env-vars.js';

export { envVariables, type EnvName };

/** Set-but-empty counts as unset (CI systems export empty secrets). */
const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);
const text = () => z.preprocess(unsetIfEmpty, z.string().optional());
const url = (protocols: RegExp, expected: string) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine((v) => URL.canParse(v) && protocols.test(new URL(v).protocol), `expected ${expected}`)
      .optional(),
  );
const HTTP = /^https?:$/;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const EnvSchema = z.object({
  GITHUB_API_URL: url(HTTP, 'an http(s) URL').transform((v) => v ?? 'https://api.github.com'),
  GITHUB_SERVER_URL: url(HTTP, 'an http(s) URL'),
  GITHUB_TOKEN: text(),
  DATABASE_URL: url(/^postgres(?:ql)?:$/, 'a postgres:// or postgresql:// URL (unset it to use the SQLite file)'),
  LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(LOG_LEVELS).default('info')),
  SLACK_BOT_TOKEN: text(),
  SLACK_SIGNING_SECRET: text(),
  SLACK_APP_TOKEN: text(),
  SLACK_API_URL: url(HTTP, 'an http(s) URL').transform((v) => v ?? 'https://slack.com/api/'),
  DISCORD_PUBLIC_KEY: text(),
  DISCORD_APPLICATION_ID: text(),
  DISCORD_BOT_TOKEN: text(),
  DISCORD_API_URL: url(HTTP, 'an http(s) URL').transform((v) => (v ?? 'https://discord.com/api').replace(/\/+$/, '')),
  SMTP_URL: url(/^smtps?:$/, 'an smtp:// or smtps:// URL'),
  GITHUB_STEP_SUMMARY: text(),
  GITHUB_OUTPUT: text(),
} satisfies Record<EnvName, z.ZodType>);

export type Env = z.output<typeof EnvSchema>;

export const SECRET_VARS: readonly EnvName[] = envVariables()
  .filter((v) => v.info.secret)
  .map((v) => v.name);

/** The secret values set in an environment (parsed or raw), and the password inside a secret URL: what logs must never show. */
export function secretValues(env: Partial<Record<EnvName, unknown>>): string[] {
  const out = new Set<string>();
  for (const name of SECRET_VARS) {
    const v = env[name];
    if (typeof v !== 'string') continue;
    out.add(v);
    if (URL.canParse(v)) {
      const password = decodeURIComponent(new URL(v).password);
      if (password) out.add(password);
    }
  }
  return [...out];
}

/** Parses the environment; every bad variable is named in one UsageError (exit 2), values never shown. */
export function parseEnv(raw: NodeJS.ProcessEnv): Env {
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(
      `invalid environment\n${formatZodIssues(parsed.error)
        .map((p) => `  - ${p}`)
        .join('\n')}`,
    );
  return parsed.data;
}
