/**
 * The SQLite state folder kept in the Actions cache, as the composite action kept it with actions/cache: the
 * same path (`.release-radar`, relative to the workspace, so entries saved by earlier versions restore) and
 * keys. Entries are immutable: each run saves under a key of its own and the next restores the newest by prefix.
 */
import { existsSync } from 'node:fs';
import * as cache from '@actions/cache';
import * as core from '@actions/core';

export const STATE_DIR = '.release-radar';
export const STATE_KEY_PREFIX = 'release-radar-state-';

/** This run's key: one per run and attempt, so a re-run saves too. */
export const stateKey = (runId: string | undefined, attempt: string | undefined) =>
  `${STATE_KEY_PREFIX}${runId ?? 'local'}-${attempt ?? '1'}`;

/** Whether this run has the Actions cache; says why not when it has none. */
export function stateCacheAvailable(): boolean {
  if (cache.isFeatureAvailable()) return true;
  core.warning(
    'The Actions cache is not available to this run, so the SQLite state is neither restored nor saved. Pass database-url to keep the state in PostgreSQL.',
  );
  return false;
}

/** Restores the newest saved state; false when there is none yet (the first run starts a new store). */
export async function restoreState(key: string): Promise<boolean> {
  const t0 = performance.now();
  const hit = await cache.restoreCache([STATE_DIR], key, [STATE_KEY_PREFIX]);
  core.info(
    hit ? `State restored from the Actions cache (${hit}).` : 'No state in the Actions cache yet: this run starts one.',
  );
  core.debug(`restore: ${Math.round(performance.now() - t0)} ms`);
  return !!hit;
}

/** Saves the state folder, when there is one; a failure to save is a warning (the cache is best effort). */
export async function saveState(key: string): Promise<void> {
  if (!existsSync(STATE_DIR)) {
    core.info('No state to save.');
    return;
  }
  const t0 = performance.now();
  try {
    const id = await cache.saveCache([STATE_DIR], key);
    if (id !== -1) core.info(`State saved to the Actions cache (${key}).`);
  } catch (e) {
    core.warning(`The state was not saved to the Actions cache: ${(e as Error).message}`);
  }
  core.debug(`save: ${Math.round(performance.now() - t0)} ms`);
}
