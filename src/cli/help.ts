/**
 * What each command's --help adds after its options: the environment it reads (from config/env-vars.ts, the
 * data the docs' environment table is generated from) and its exit codes.
 */
import type { Command } from 'commander';
import { envVariables, type EnvCommand } from '../config/env-vars.js';

const NAME_WIDTH = 24;
const CONFIG_VARS = `${'${VAR}'.padEnd(NAME_WIDTH)}any variable the config file names (replaced when it is read)`;
const DONE = '0  done';
const USAGE = '2  bad arguments or config (the message names what and how to fix it)';
const STORE_EXIT = '3  the store could not be opened or used (the message names the path and the fix)';

interface Footer {
  /** Variables beyond those env-vars.ts lists for the command. */
  env: readonly string[];
  exit: readonly string[];
}

const FOOTERS: Record<string, Footer> = {
  init: { env: ['(none)'], exit: [DONE, USAGE] },
  parse: { env: [CONFIG_VARS], exit: [DONE, USAGE] },
  poll: {
    env: [CONFIG_VARS],
    exit: [
      DONE,
      '1  a repo could not be read, GitHub was unreachable, a delivery failed or is pending, or a subscription is unusable',
      USAGE,
      STORE_EXIT,
    ],
  },
  query: { env: [CONFIG_VARS], exit: [DONE, '1  no such release (or GitHub could not be read)', USAGE, STORE_EXIT] },
  report: {
    env: [CONFIG_VARS],
    exit: [
      DONE,
      '1  GitHub could not be read',
      '2  bad arguments or config, or a FROM or TO that names no release (the message names the nearest)',
      STORE_EXIT,
    ],
  },
  digest: { env: [CONFIG_VARS], exit: [DONE, '1  a digest could not be sent', USAGE, STORE_EXIT] },
  site: {
    env: [CONFIG_VARS],
    exit: [DONE, '1  an upgrade report of site.upgrades could not be written (the rest was)', USAGE, STORE_EXIT],
  },
  demo: {
    env: ['(none: the demo starts its own stand-ins for GitHub, Slack, Discord and SMTP, and a store of its own)'],
    exit: [DONE, '1  a step of the demo failed (the message names it)', USAGE],
  },
  serve: { env: [CONFIG_VARS], exit: ['0  stopped (SIGINT or SIGTERM)', USAGE, STORE_EXIT] },
  'register-commands': {
    env: ['(DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN are required, unless --dry-run)', CONFIG_VARS],
    exit: [DONE, '1  Discord refused the registration', USAGE],
  },
};

/** The lines of a command's "Environment:": the variables it reads, then the extras. */
export function envLines(command: string): string[] {
  const vars = envVariables()
    .filter((v) => (v.info.usedBy as readonly string[]).includes(command as EnvCommand))
    .map((v) => `${v.name.padEnd(NAME_WIDTH)}${v.info.short}`);
  return [...vars, ...(FOOTERS[command]?.env ?? [])];
}

/** Adds "Environment:" and "Exit codes:" to a command's help. */
export function withHelpFooter(cmd: Command): Command {
  const f = FOOTERS[cmd.name()];
  if (!f) return cmd;
  const indent = (xs: readonly string[]) => xs.map((x) => `  ${x}`).join('\n');
  return cmd.addHelpText(
    'after',
    `\nEnvironment:\n${indent(envLines(cmd.name()))}\n\nExit codes:\n${indent(f.exit)}\n`,
  );
}

export const CONFIG_OPTION_HELP = 'config file (default: ./release-radar.yaml, else the built-in default)';
