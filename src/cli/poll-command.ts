/** `release-radar poll`: the main job. Reads GitHub, records releases and change events, reports them. */
import { existsSync } from 'node:fs';
import { Classifier } from '../classify/classifier.js';
import { UsageError } from '../config/errors.js';
import { loadConfig } from '../config/load.js';
import type { InitialMode } from '../diff/plan.js';
import { createGitHubClient } from '../github/client.js';
import { createLogger } from '../log.js';
import { runPoll } from '../poll/run-poll.js';
import { renderPollText } from '../render/event-text.js';
import { DEFAULT_DB_PATH, describeLocation, type StoreLocation } from '../store/connect.js';
import { Store } from '../store/store.js';
import { checkChoice, checkRepo } from './input.js';
import type { Io } from './main.js';

export interface PollCommandOptions {
  config?: string;
  db?: string;
  repo: string[];
  dryRun?: boolean;
  format: string;
  initial?: string;
}

/** Where the store is: DATABASE_URL wins, else --db, else the default SQLite file. */
export function storeLocation(env: NodeJS.ProcessEnv, db: string | undefined, dryRun = false): StoreLocation {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  const path = db ?? DEFAULT_DB_PATH;
  // A dry run must not create a store: with no file yet, it works on an empty one in memory.
  if (dryRun && path !== ':memory:' && !existsSync(path)) return { sqlitePath: ':memory:' };
  return { sqlitePath: path };
}

export async function pollCommand(opts: PollCommandOptions, io: Io): Promise<number> {
  const format = checkChoice('--format', opts.format, ['text', 'json'] as const);
  const config = loadConfig(opts.config, io.env);
  const initial: InitialMode = opts.initial ? checkChoice('--initial', opts.initial, ['latest', 'none', 'all'] as const) : config.poll.initial;
  const repos = opts.repo.length ? opts.repo.map(checkRepo) : config.repos.map((r) => r.name);
  if (!repos.length) throw new UsageError('no repos to poll: list them under `repos:` in the config or pass --repo');

  const logger = createLogger(io.env, io.err);
  const loc = storeLocation(io.env, opts.db, opts.dryRun);
  logger.info({ store: describeLocation(loc), repos, dryRun: !!opts.dryRun }, 'poll starting');
  const store = await Store.open(loc);
  try {
    const github = createGitHubClient({ baseUrl: io.env.GITHUB_API_URL, token: io.env.GITHUB_TOKEN, logger });
    const classifier = new Classifier(config.resolvedCategories);
    const result = await runPoll(
      { store, github, classifier, logger },
      { repos, dryRun: !!opts.dryRun, initial, perPage: config.poll.per_page },
    );
    if (format === 'json') io.out(JSON.stringify({ events: result.events, requests: result.requests }, null, 2) + '\n');
    else io.out(renderPollText(result.events, result.requests, !!opts.dryRun));
    for (const f of result.failures) io.err(`release-radar: ${f.message}\n`);
    return result.failures.length ? 1 : 0;
  } finally {
    await store.close();
  }
}
