/**
 * The `release-radar` command line: a thin layer that parses arguments and calls the commands. Each command's
 * module is imported when that command runs, so `--help` loads commander and little else, and each command
 * loads only what it uses (see context.ts).
 */
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../domain/errors.js';
import { DEFAULT_DB_PATH } from '../store/location.js';
import type { Context, ContextOptions } from './context.js';
import { reportError, runWithContext } from './command-runner.js';
import { processIo, type Io } from './io.js';
import { CONFIG_OPTION_HELP, withHelpFooter } from './help.js';
import { PACKAGE_VERSION } from '../paths.js';

const collect = (v: string, prev: string[]) => [...prev, v];

export function buildProgram(io: Io): Command {
  /** Runs a command with its own composition root; a non-zero code becomes the exit code. */
  const run = async (opts: ContextOptions, command: (ctx: Context) => Promise<number>) => {
    const code = await runWithContext(io, opts, command);
    if (code) throw new ExitCode(code);
  };

  const program = new Command('release-radar')
    .description('Tracks release notes, classifies items by area and posts categorized diffs.')
    .version(PACKAGE_VERSION, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command('init')
    .description(
      'Write a commented starting release-radar.yaml and the GitHub workflow that runs the action (never overwrites).',
    )
    .option('--dir <dir>', 'the repository to set up', '.')
    .action(async (opts: { dir: string }) => {
      (await import('./init-command.js')).initCommand(opts, io);
    });

  program
    .command('parse')
    .description('Parse and classify one release body (markdown) from FILE or standard input.')
    .argument('[file]', 'release notes markdown; "-" or nothing reads standard input')
    .option('--repo <owner/name>', 'the repository the notes come from (picks its heading profile)')
    .addOption(new Option('--format <format>', 'json or markdown').default('markdown'))
    .option('--category <name>', 'keep only this category (repeatable)', collect, [] as string[])
    .option('--config <file>', CONFIG_OPTION_HELP)
    .action((file: string | undefined, opts) =>
      run(opts, async (ctx) => (await import('./parse-command.js')).parseCommand(file, opts, ctx)),
    );

  program
    .command('poll')
    .description('Poll GitHub releases, record them and report categorized change events (the main job).')
    .option('--config <file>', CONFIG_OPTION_HELP)
    .option('--db <path>', `SQLite file (default ${DEFAULT_DB_PATH}); DATABASE_URL selects PostgreSQL instead`)
    .option('--repo <owner/name>', 'poll only this repo (repeatable), due or not', collect, [] as string[])
    .option('--all', 'poll every tracked repo, due or not (default: the repos due per poll.every / every)')
    .option('--dry-run', 'read GitHub and print what would happen; change nothing in the store')
    .addOption(new Option('--format <format>', 'text or json').default('text'))
    .option('--initial <mode>', 'a repo seen for the first time: latest (default), none or all')
    .option('--retry-failed', 'send again the messages marked failed (after fixing a broken destination)')
    .option(
      '--preview <dir>',
      'with --dry-run: write one HTML page per destination showing its messages as the platform would',
    )
    .action((opts) => run(opts, async (ctx) => (await import('./poll-command.js')).pollCommand(opts, ctx)));

  program
    .command('query')
    .description('The categorized notes of the latest release of a repo (or --release TAG), as chat answers them.')
    .argument('<repo>', 'OWNER/NAME or an alias from the config (pytorch, torch, tensorflow, tf)')
    .argument('[category]', 'only this category')
    .option('--release <tag>', 'a release tag, or latest-rc (default: the latest release)')
    .option('--tag <glob>', 'only releases whose tag matches this glob (a monorepo package: "pkg-a/*")')
    .option(
      '--preview <dir>',
      'also write the chat answers as HTML pages (query-slack.html, query-discord.html) to DIR',
    )
    .addOption(new Option('--format <format>', 'text or json').default('text'))
    .option('--config <file>', CONFIG_OPTION_HELP)
    .option('--db <path>', `SQLite file (default ${DEFAULT_DB_PATH}); DATABASE_URL selects PostgreSQL instead`)
    .action((repo: string, category: string | undefined, opts) =>
      run(opts, async (ctx) => (await import('./chat-commands.js')).queryCommand(repo, category, opts, ctx)),
    );

  program
    .command('report')
    .description(
      'An upgrade report: what changes between two versions of a repo, every release between them merged, per category.',
    )
    .argument('<repo>', 'OWNER/NAME or an alias from the config (pytorch, torch, tensorflow, tf)')
    .argument('<range>', 'FROM..TO, tags or versions (v2.5.0..v2.10.0, 2.5..2.10); FROM.. up to the latest')
    .option('--category <name>', 'only this category (repeatable)', collect, [] as string[])
    .option('--changes <kinds>', 'only these kinds of change, comma-separated (e.g. breaking,deprecation)')
    .option('--prereleases', 'also the release candidates and other pre-releases in the range')
    .option('--tag <glob>', 'only releases whose tag matches this glob (a monorepo package: "pkg-a/*")')
    .addOption(new Option('--format <format>', 'markdown, json or html').default('markdown'))
    .option('--out <file>', 'write the report to FILE instead of standard output')
    .option('--config <file>', CONFIG_OPTION_HELP)
    .option('--db <path>', `SQLite file (default ${DEFAULT_DB_PATH}); DATABASE_URL selects PostgreSQL instead`)
    .action((repo: string, range: string, opts) =>
      run(opts, async (ctx) => (await import('./report-command.js')).reportCommand(repo, range, opts, ctx)),
    );

  program
    .command('digest')
    .description('Send the digest emails of the config (the change events of each window).')
    .option('--config <file>', CONFIG_OPTION_HELP)
    .option('--db <path>', `SQLite file (default ${DEFAULT_DB_PATH}); DATABASE_URL selects PostgreSQL instead`)
    .option(
      '--since <duration>',
      'window start: 7d, 12h, 2w or a date (default: since each digest was last sent, at most 7 days)',
    )
    .option('--dry-run', 'print what would be sent; send and record nothing')
    .option('--preview <dir>', "write each digest's .html and .txt to DIR instead of sending")
    .option('--digest <name>', 'only this digest (repeatable)', collect, [] as string[])
    .action((opts) => run(opts, async (ctx) => (await import('./digest-command.js')).digestCommand(opts, ctx)));

  program
    .command('site')
    .description('Write the static site, Atom feeds and JSON of the stored releases to DIR (only changed files).')
    .requiredOption('--out <dir>', 'output folder')
    .option('--config <file>', CONFIG_OPTION_HELP)
    .option('--db <path>', `SQLite file (default ${DEFAULT_DB_PATH}); DATABASE_URL selects PostgreSQL instead`)
    .option(
      '--base-url <url>',
      'where the site is published (default: site.base_url of the config); makes feed links absolute',
    )
    .action((opts) => run(opts, async (ctx) => (await import('./site-command.js')).siteCommand(opts, ctx)));

  program
    .command('demo')
    .description(
      'The whole loop offline: stand-ins for GitHub, Slack, Discord and SMTP on loopback, sample releases, the real commands; writes previews and an index page.',
    )
    .option('--out <dir>', 'output folder', 'release-radar-demo')
    .action(async (opts: { out: string }) => {
      // The stand-ins (msw, smtp-server) are development dependencies: there from a clone after `npm ci`.
      const demo = await import('./demo-command.js').catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ERR_MODULE_NOT_FOUND') throw e;
        throw new UsageError(
          `the demo runs from a clone of release-radar after \`npm ci\` (its stand-ins are development packages): ${e.message}`,
        );
      });
      const code = await demo.demoCommand(opts, io, main);
      if (code) throw new ExitCode(code);
    });

  program
    .command('serve')
    .description(
      'Answer /releases slash commands (/slack/events, /discord/interactions, /healthz); with --poll-every and --digest-schedule, the always-on bot.',
    )
    .option('--port <n>', 'port', '3000')
    .option('--host <h>', 'address to listen on', '0.0.0.0')
    .option('--config <file>', CONFIG_OPTION_HELP)
    .option('--db <path>', `SQLite file (default ${DEFAULT_DB_PATH}); DATABASE_URL selects PostgreSQL instead`)
    .option('--poll-every <duration>', 'also poll GitHub and deliver, every 30s, 15m, 1h... (the first poll at start)')
    .option(
      '--digest-schedule <cron>',
      'also send the digests on this cron schedule, UTC (e.g. "0 8 * * 1": Mondays 08:00)',
    )
    .action((opts) => run(opts, async (ctx) => (await import('./chat-commands.js')).serveCommand(opts, ctx)));

  program
    .command('discord')
    .description('Discord set-up')
    .command('register-commands')
    .description('Register the /releases application command (DISCORD_APPLICATION_ID, DISCORD_BOT_TOKEN).')
    .option('--guild <id>', 'register in one guild (available at once) instead of globally')
    .option('--dry-run', 'print the command definition instead of registering it')
    .option('--config <file>', CONFIG_OPTION_HELP)
    .action((opts) =>
      run(opts, async (ctx) => (await import('./chat-commands.js')).registerDiscordCommands(opts, ctx)),
    );

  for (const c of program.commands) {
    withHelpFooter(c);
    for (const sub of c.commands) withHelpFooter(sub);
  }
  return program;
}

/** A command finished with a non-zero exit code and has already said why. */
class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof ExitCode) return e.code;
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return 0;
      return 2; // commander already printed the message
    }
    return reportError(e, io);
  }
}
