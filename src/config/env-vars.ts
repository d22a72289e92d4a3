/**
 * What each environment variable means, which commands read it and whether it is a secret: plain data, so
 * that `--help` can list a command's variables without loading zod. `env-schema.ts` validates the same names
 * (its type checks that the two agree); `npm run docs` writes the environment table of docs/configuration.md from both.
 */

/** The commands that read the environment, as `--help` names them. */
export type EnvCommand = 'poll' | 'query' | 'report' | 'serve' | 'digest' | 'site' | 'register-commands';

export interface EnvVarInfo {
  /** For the docs: what it is, in a sentence or two. */
  description: string;
  /** For `--help`: the same in a few words. */
  short: string;
  usedBy: readonly EnvCommand[];
  /** Never logged, never in an error, a row or a summary. */
  secret?: boolean;
}

/** The commands that open the store and log (all but `parse`, `init`, `demo` and `register-commands`). */
const STORE_READERS = ['poll', 'query', 'report', 'serve', 'digest', 'site'] as const;
const GITHUB_READERS = ['poll', 'query', 'report', 'serve'] as const;

export const ENV_VARS = {
  GITHUB_API_URL: {
    description: 'GitHub REST API base URL (GitHub Enterprise, or a local fake in tests).',
    short: 'GitHub API base (default https://api.github.com)',
    usedBy: GITHUB_READERS,
  },
  GITHUB_SERVER_URL: {
    description:
      "GitHub Enterprise's web address (GitHub Actions sets it): release links may point only to this host; default github.com.",
    short: 'GitHub Enterprise web address: the only host release links may point to',
    usedBy: ['poll', 'query', 'report', 'serve', 'digest', 'site'],
  },
  GITHUB_TOKEN: {
    description:
      'GitHub token (optional: 60 requests an hour without it are enough for two repos; without it a quiet poll costs one request per repo, with it one GraphQL query per 100 repos).',
    short: 'optional token (60 requests an hour without, 5,000 with)',
    usedBy: GITHUB_READERS,
    secret: true,
  },
  DATABASE_URL: {
    description: 'PostgreSQL store (`postgres://user:pass@host:5432/db`) instead of the SQLite file; wins over `--db`.',
    short: 'PostgreSQL (postgres://…) instead of the SQLite file (--db)',
    usedBy: STORE_READERS,
    secret: true,
  },
  LOG_LEVEL: {
    description:
      'pino level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`. Logs go to standard error as JSON lines (readable lines when standard error is a terminal).',
    short: 'pino level of the logs on standard error (JSON; readable on a terminal; default info)',
    usedBy: STORE_READERS,
  },
  SLACK_BOT_TOKEN: {
    description: 'Slack bot token (`xoxb-…`): `serve` answers with it; `poll` posts to channels subscribed in chat.',
    short: 'Slack bot token: answers in serve, posts to channels subscribed with /releases',
    usedBy: ['poll', 'serve'],
    secret: true,
  },
  SLACK_SIGNING_SECRET: {
    description: 'Slack signing secret: with `SLACK_BOT_TOKEN`, turns Slack on in `serve`.',
    short: 'with SLACK_BOT_TOKEN, turns Slack on (HTTP: /slack/events)',
    usedBy: ['serve'],
    secret: true,
  },
  SLACK_APP_TOKEN: {
    description: 'Slack app-level token (`xapp-…`): `serve` uses Socket Mode instead of HTTP.',
    short: 'Socket Mode instead of HTTP for Slack',
    usedBy: ['serve'],
    secret: true,
  },
  SLACK_API_URL: {
    description: 'Slack Web API base URL.',
    short: 'Slack Web API base (default https://slack.com/api/)',
    usedBy: ['poll', 'serve'],
  },
  DISCORD_PUBLIC_KEY: {
    description:
      "The Discord application's public key (hex): with `DISCORD_APPLICATION_ID`, turns Discord on in `serve`.",
    short: 'with DISCORD_APPLICATION_ID, turns Discord on (/discord/interactions)',
    usedBy: ['serve'],
  },
  DISCORD_APPLICATION_ID: {
    description: 'The Discord application id.',
    short: 'the Discord application id',
    usedBy: ['serve', 'register-commands'],
  },
  DISCORD_BOT_TOKEN: {
    description:
      'Discord bot token: `poll` posts to channels subscribed in chat (`serve` refuses such subscriptions without it, and without `DISCORD_PUBLIC_KEY` answers over the gateway with it); `discord register-commands` registers `/releases`.',
    short: 'bot token: channel subscriptions (poll, serve), the gateway (serve), registering /releases',
    usedBy: ['poll', 'serve', 'register-commands'],
    secret: true,
  },
  DISCORD_API_URL: {
    description: 'Discord REST API base URL.',
    short: 'Discord API base (default https://discord.com/api)',
    usedBy: ['poll', 'serve', 'register-commands'],
  },
  SMTP_URL: {
    description:
      'SMTP server (`smtp://user:pass@host:587`) when the config has no `email.smtp_url`: `digest`, and `serve --digest-schedule`.',
    short: 'smtp://user:pass@host:587 when the config has no email.smtp_url',
    usedBy: ['digest', 'serve'],
    secret: true,
  },
  GITHUB_STEP_SUMMARY: {
    description: 'Set by GitHub Actions: `poll` and `digest` append their summary to this file.',
    short: 'in GitHub Actions: the job summary file the run appends to',
    usedBy: ['poll', 'digest'],
  },
  GITHUB_OUTPUT: {
    description:
      'Set by GitHub Actions: `poll` and `digest` write their counts (`events`, `sent`, `failed`) as step outputs.',
    short: 'in GitHub Actions: the step outputs file (events, sent, failed)',
    usedBy: ['poll', 'digest'],
  },
} as const satisfies Record<string, EnvVarInfo>;

export type EnvName = keyof typeof ENV_VARS;

/** The variables in documentation order. */
export function envVariables(): { name: EnvName; info: EnvVarInfo }[] {
  return (Object.entries(ENV_VARS) as [EnvName, EnvVarInfo][]).map(([name, info]) => ({ name, info }));
}

/** How the docs name a reader: `discord register-commands` is a subcommand. */
export const commandTitle = (c: EnvCommand) => (c === 'register-commands' ? 'discord register-commands' : c);
