/**
 * The GitHub Action's entry (action.yml: `runs.using: node24`, `main:` the bundle scripts/build-action.ts makes
 * of this file). Reads the inputs with @actions/core, restores the SQLite state folder from the Actions cache
 * (not with database-url), runs poll or digest in this process, and saves the state, also after a failed run:
 * a failed repo leaves its own state as it was while the others advanced. Outputs and the job summary are
 * written by the command through the process Io's @actions/core writer.
 */
import '../cli/quiet-warnings.js';
import * as core from '@actions/core';
import { UsageError } from '../domain/errors.js';
import { runWithContext } from '../cli/command-runner.js';
import { processIo } from '../cli/io.js';
import { actionCommand, commandEnv, type ActionInputs } from './inputs.js';
import { restoreState, saveState, stateCacheAvailable, stateKey } from './state-cache.js';

const inputs: ActionInputs = {
  command: core.getInput('command'),
  config: core.getInput('config'),
  initial: core.getInput('initial'),
  since: core.getInput('since'),
  databaseUrl: core.getInput('database-url'),
  githubToken: core.getInput('github-token'),
};
const useCache = !inputs.databaseUrl && stateCacheAvailable();
const key = stateKey(processIo.env.GITHUB_RUN_ID, processIo.env.GITHUB_RUN_ATTEMPT);

if (useCache) await restoreState(key);
let code: number;
const t0 = performance.now();
try {
  const command = actionCommand(inputs);
  const io = { ...processIo, env: commandEnv(processIo.env, inputs) };
  code = await runWithContext(io, { config: inputs.config || undefined }, command);
} catch (e) {
  // A wrong input: an error annotation, exit 2, and the state is saved all the same.
  core.error(`release-radar: ${(e as Error).message}`);
  code = e instanceof UsageError ? e.exitCode : 1;
}
core.debug(`${inputs.command}: ${Math.round(performance.now() - t0)} ms`);
if (useCache) await saveState(key);
process.exitCode = code;
