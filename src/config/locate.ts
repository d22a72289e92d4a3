/** Which config file a run uses. Cheap to import: loads neither the YAML parser nor zod. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG_FILE } from '../paths.js';

/** --config FILE, else ./release-radar.yaml, else the built-in default. */
export function resolveConfigFile(explicit: string | undefined, cwd = process.cwd()): string {
  if (explicit) return resolve(cwd, explicit);
  const local = resolve(cwd, 'release-radar.yaml');
  return existsSync(local) ? local : DEFAULT_CONFIG_FILE;
}
