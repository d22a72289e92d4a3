/** `release-radar init`: a commented starting config and the workflow that runs the action, never overwriting. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { UsageError } from '../domain/errors.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { Io } from './io.js';

/** Where the action is published: the `uses:` of the generated workflow and the schema URL. */
export const ACTION_REPO = 'release-radar/release-radar';
export const ACTION_VERSION = 'v1';

const FILES = [
  { template: 'release-radar.yaml', target: 'release-radar.yaml' },
  { template: 'workflow.yml', target: join('.github', 'workflows', 'release-radar.yml') },
];

export function initCommand(opts: { dir: string }, io: Io): number {
  const dir = resolve(opts.dir);
  const targets = FILES.map((f) => ({ ...f, path: join(dir, f.target) }));
  const existing = targets.filter((t) => existsSync(t.path));
  // All or nothing: a half-written set-up is harder to reason about than none.
  if (existing.length) {
    throw new UsageError(
      `${existing.map((t) => relative(process.cwd(), t.path) || t.path).join(', ')} already exist${existing.length > 1 ? '' : 's'}: init never overwrites; move ${existing.length > 1 ? 'them' : 'it'} away or pick another --dir`,
    );
  }
  for (const t of targets) {
    const text = readFileSync(join(PACKAGE_ROOT, 'config', 'init', t.template), 'utf8')
      .replaceAll('__ACTION_REPO__', ACTION_REPO)
      .replaceAll('__ACTION_VERSION__', ACTION_VERSION);
    mkdirSync(dirname(t.path), { recursive: true });
    writeFileSync(t.path, text, { flag: 'wx' });
    io.out(`wrote ${t.path}\n`);
  }
  io.out(
    'Next: uncomment a destination and a subscription, add its secret under Settings → Secrets and variables → Actions, and push.\n',
  );
  return 0;
}
