/**
 * The environment variables release-radar reads: one zod schema, next to the config file's. The CLI's
 * composition root parses the environment once with it and hands typed values on; nothing else reads
 * `process.env` (the config file's `${VAR}`s are interpolated from the raw environment, by name). Each
 * variable carries its description, the commands that read it and whether it is a secret: `npm run schema`
 * writes the README's environment table from here, and the secrets feed the logger's redaction.
 */
import { z } from 'zod';
import { UsageError } from '../domain/errors.js';
import { formatZodIssues } from './zod-issues.js';

export interface EnvVarInfo {
  description: string;
  /** The commands that read it, as the README lists them. */
  usedBy: string;
  /** Never logged, never in an error, a row or a summary. */
  secret?: boolean;
}

/** Per-variable documentation, attached to each variable's schema. */
export const envInfo = z.registry<EnvVarInfo>();

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
  GITHUB_API_URL: url(HTTP, 'an http(s) URL')
    .transform((v) => v ?? 'https://api.github.com')
    .register(envInfo, {
      description: 'GitHub REST API base URL (GitHub Enterprise, or a local fake in tests).',
      usedBy: 'poll, query, serve',
    }),
  GITHUB_SERVER_URL: url(HTTP, 'an http(s) URL').register(envInfo, {
    description:
      "GitHub Enterprise's web address (GitHub Actions sets it): release links may point only to this host; default github.com.",
    usedBy: 'poll, query, serve, digest, site',
  }),
  GITHUB_TOKEN: text().register(envInfo, {
    description:
      'GitHub token (optional: 60 requests an hour without it are enough for two repos; a quiet poll costs one request per repo).',
    usedBy: 'poll, query, serve',
    secret: true,
  }),
  DATABASE_URL: url(
    /^postgres(?:ql)?:$/,
    'a postgres:// or postgresql:// URL (unset it to use the SQLite file)',
  ).register(envInfo, {
    description: 'PostgreSQL store (`postgres://user:pass@host:5432/db`) instead of the SQLite file; wins over `--db`.',
    usedBy: 'poll, query, serve, digest',
    secret: true,
  }),
  LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(LOG_LEVELS).default('info')).register(envInfo, {
    description:
      'pino level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`. Logs go to standard error as JSON lines.',
    usedBy: 'all but parse',
  }),
  SLACK_BOT_TOKEN: text().register(envInfo, {
    description: 'Slack bot token (`xoxb-…`): `serve` answers with it; `poll` posts to channels subscribed in chat.',
    usedBy: 'poll, serve',
    secret: true,
  }),
  SLACK_SIGNING_SECRET: text().register(envInfo, {
    description: 'Slack signing secret: with `SLACK_BOT_TOKEN`, turns Slack on in `serve`.',
    usedBy: 'serve',
    secret: true,
  }),
  SLACK_APP_TOKEN: text().register(envInfo, {
    description: 'Slack app-level token (`xapp-…`): `serve` uses Socket Mode instead of HTTP.',
    usedBy: 'serve',
    secret: true,
  }),
  SLACK_API_URL: url(HTTP, 'an http(s) URL')
    .transform((v) => v ?? 'https://slack.com/api/')
    .register(envInfo, { description: 'Slack Web API base URL.', usedBy: 'poll, serve' }),
  DISCORD_PUBLIC_KEY: text().register(envInfo, {
    description:
      "The Discord application's public key (hex): with `DISCORD_APPLICATION_ID`, turns Discord on in `serve`.",
    usedBy: 'serve',
  }),
  DISCORD_APPLICATION_ID: text().register(envInfo, {
    description: 'The Discord application id.',
    usedBy: 'serve, discord register-commands',
  }),
  DISCORD_BOT_TOKEN: text().register(envInfo, {
    description:
      'Discord bot token: `poll` posts to channels subscribed in chat; `discord register-commands` registers `/releases`.',
    usedBy: 'poll, discord register-commands',
    secret: true,
  }),
  DISCORD_API_URL: url(HTTP, 'an http(s) URL')
    .transform((v) => (v ?? 'https://discord.com/api').replace(/\/+$/, ''))
    .register(envInfo, { description: 'Discord REST API base URL.', usedBy: 'poll, serve, discord register-commands' }),
  SMTP_URL: url(/^smtps?:$/, 'an smtp:// or smtps:// URL').register(envInfo, {
    description: 'SMTP server (`smtp://user:pass@host:587`) when the config has no `email.smtp_url`.',
    usedBy: 'digest',
    secret: true,
  }),
  GITHUB_STEP_SUMMARY: text().register(envInfo, {
    description: 'Set by GitHub Actions: `poll` and `digest` append their summary to this file.',
    usedBy: 'poll, digest',
  }),
  GITHUB_OUTPUT: text().register(envInfo, {
    description:
      'Set by GitHub Actions: `poll` and `digest` write their counts (`events`, `sent`, `failed`) as step outputs.',
    usedBy: 'poll, digest',
  }),
});

export type Env = z.output<typeof EnvSchema>;
export type EnvName = keyof Env;

/** The variables, in schema order, with their documentation. */
export function envVariables(): { name: EnvName; info: EnvVarInfo }[] {
  return (Object.entries(EnvSchema.shape) as [EnvName, z.ZodType][]).map(([name, schema]) => ({
    name,
    info: envInfo.get(schema)!,
  }));
}

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
