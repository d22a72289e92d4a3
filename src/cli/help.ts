/** What each command's --help adds after its options: the environment it reads and its exit codes. */
import type { Command } from 'commander';

const CONFIG_VARS = '${VAR}              any variable the config file names (replaced when it is read)';
const STORE = ['DATABASE_URL        PostgreSQL (postgres://…) instead of the SQLite file (--db)'] as const;
const LOG = 'LOG_LEVEL           pino level for the JSON logs on standard error (default info)';
const GITHUB = [
  'GITHUB_API_URL      GitHub API base (default https://api.github.com)',
  'GITHUB_TOKEN        optional token (60 requests an hour without, 5,000 with)',
] as const;
const DONE = '0  done';
const USAGE = '2  bad arguments or config (the message names what and how to fix it)';
const STORE_EXIT = '3  the store could not be opened or used (the message names the path and the fix)';

const FOOTERS: Record<string, { env: readonly string[]; exit: readonly string[] }> = {
  parse: { env: [CONFIG_VARS], exit: [DONE, USAGE] },
  poll: {
    env: [
      ...GITHUB,
      ...STORE,
      'SLACK_BOT_TOKEN     posts to Slack channels subscribed with /releases',
      'DISCORD_BOT_TOKEN   posts to Discord channels subscribed with /releases',
      'SLACK_API_URL       Slack Web API base (default https://slack.com/api/)',
      'DISCORD_API_URL     Discord API base (default https://discord.com/api)',
      'GITHUB_STEP_SUMMARY in GitHub Actions: the job summary file the delivery table is added to',
      LOG,
      CONFIG_VARS,
    ],
    exit: [
      DONE,
      '1  a repo could not be read, GitHub was unreachable, a delivery failed or is pending, or a subscription is unusable',
      USAGE,
      STORE_EXIT,
    ],
  },
  query: {
    env: [...GITHUB, ...STORE, LOG, CONFIG_VARS],
    exit: [DONE, '1  no such release (or GitHub could not be read)', USAGE, STORE_EXIT],
  },
  digest: {
    env: [
      'SMTP_URL            smtp://user:pass@host:587 when the config has no email.smtp_url',
      ...STORE,
      LOG,
      CONFIG_VARS,
    ],
    exit: [DONE, '1  a digest could not be sent', USAGE, STORE_EXIT],
  },
  site: { env: [...STORE, LOG, CONFIG_VARS], exit: [DONE, USAGE, STORE_EXIT] },
  serve: {
    env: [
      'SLACK_SIGNING_SECRET + SLACK_BOT_TOKEN          turn Slack on (HTTP: /slack/events)',
      'SLACK_APP_TOKEN     Socket Mode instead of HTTP for Slack',
      'DISCORD_PUBLIC_KEY + DISCORD_APPLICATION_ID     turn Discord on (/discord/interactions)',
      'DISCORD_BOT_TOKEN   needed for Discord channel subscriptions (refused without it)',
      'SLACK_API_URL, DISCORD_API_URL                  API bases (tests, proxies)',
      ...GITHUB,
      ...STORE,
      LOG,
      CONFIG_VARS,
    ],
    exit: ['0  stopped (SIGINT or SIGTERM)', USAGE, STORE_EXIT],
  },
  'register-commands': {
    env: [
      'DISCORD_APPLICATION_ID, DISCORD_BOT_TOKEN     required (unless --dry-run)',
      'DISCORD_API_URL     Discord API base (default https://discord.com/api)',
      CONFIG_VARS,
    ],
    exit: [DONE, '1  Discord refused the registration', USAGE],
  },
};

/** Adds "Environment:" and "Exit codes:" to a command's help. */
export function withHelpFooter(cmd: Command): Command {
  const f = FOOTERS[cmd.name()];
  if (!f) return cmd;
  const indent = (xs: readonly string[]) => xs.map((x) => `  ${x}`).join('\n');
  return cmd.addHelpText('after', `\nEnvironment:\n${indent(f.env)}\n\nExit codes:\n${indent(f.exit)}\n`);
}

export const CONFIG_OPTION_HELP = 'config file (default: ./release-radar.yaml, else the built-in default)';
