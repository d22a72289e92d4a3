/** Runs polls against a fake GitHub with fast retries and a silent logger. */
import { Classifier } from '../../src/classify/classifier.js';
import { builtinCategories } from '../../src/config/load.js';
import type { InitialMode } from '../../src/diff/plan.js';
import { createGitHubClient } from '../../src/github/client.js';
import { silentLogger } from '../../src/log.js';
import { runPoll, type PollResult } from '../../src/poll/run-poll.js';
import type { Store } from '../../src/store/store.js';
import type { FakeGitHub } from '../../src/fakes/github.js';

export const classifier = new Classifier(builtinCategories());

export async function poll(
  store: Store,
  gh: FakeGitHub,
  opts: {
    repos?: string[];
    dryRun?: boolean;
    initial?: InitialMode;
    perPage?: number;
    retries?: number;
    relistEverySec?: number;
    now?: () => Date;
    /** With a token, the GraphQL quiet check runs first. */
    token?: string;
  } = {},
): Promise<PollResult> {
  const github = createGitHubClient({
    baseUrl: gh.url,
    logger: silentLogger,
    retryUnitMs: 5,
    retries: opts.retries ?? 2,
    ...(opts.token ? { token: opts.token } : {}),
  });
  return runPoll(
    { store, github, classifier, logger: silentLogger, ...(opts.now ? { now: opts.now } : {}) },
    {
      repos: opts.repos ?? ['tensorflow/tensorflow'],
      dryRun: opts.dryRun ?? false,
      initial: opts.initial ?? 'latest',
      perPage: opts.perPage ?? 30,
      relistEverySec: opts.relistEverySec,
    },
  );
}
