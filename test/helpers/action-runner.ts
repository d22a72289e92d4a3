/**
 * The action as the runner gets it: a folder outside this repository (away from its node_modules) with what a
 * release tag holds for the action (action.yml, package.json, config/, templates/) and the bundle built as
 * the release workflow builds it; run by the fake runner (src/fakes/actions-runner.ts) against the fakes.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { ACTION_RUNTIME_FILES, buildActionBundle } from '../../scripts/build-action.js';
import { ROOT } from './build.js';

import { runJavaScriptAction as runOnRunner, type ActionRunOptions } from '../../src/fakes/actions-runner.js';

export { readActionYaml, readOutputs, type ActionRun } from '../../src/fakes/actions-runner.js';

/** Runs the action on the fake runner with this machine's PATH (tar, zstd) under the step's env. */
export const runJavaScriptAction = (o: Omit<ActionRunOptions, 'env'> & { env: Record<string, string> }) =>
  runOnRunner({ ...o, env: { PATH: process.env.PATH ?? '', ...o.env } });

export interface BuiltAction {
  dir: string;
  bytes: number;
  metafile: Metafile;
}

let built: Promise<BuiltAction> | undefined;
/** Builds the action into a temporary folder once per test file. */
export function builtAction(): Promise<BuiltAction> {
  return (built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-action-'));
    for (const f of ACTION_RUNTIME_FILES) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
    const { bytes, metafile } = await buildActionBundle(dir);
    return { dir, bytes, metafile };
  })());
}
