/** `release-radar init`: a commented starting config and the workflow that runs the action, never overwriting. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { UsageError } from '../domain/errors.js';
import { PACKAGE_ROOT, PACKAGE_VERSION } from '../paths.js';
import type { Io } from './io.js';

/** Where the action is published: the `uses:` of the generated workflow and the schema URL. */
export const ACTION_REPO = 'release-radar/release-radar';
/**
 * The major tag the release workflow moves with every release of this major (`v1` for 1.x.y). The first
 * release is 1.0.0, so a 0.x build (a clone before it) already points at v1.
 */
export const ACTION_VERSION = `v${Math.max(1, Number(PACKAGE_VERSION.split('.')[0]))}`;

const FILES = [
  { template: 'release-radar.yaml', target: 'release-radar.yaml' },
  { template: 'workflow.yml', target: join('.github', 'workflows', 'release-radar.yml') },
];

/** What went wrong writing `path`, as a sentence that says what to do. */
function cannotWrite(path: string, e: NodeJS.ErrnoException): UsageError {
  const why =
    e.code === 'EACCES' || e.code === 'EPERM'
      ? 'permission denied. Pick a --dir you can write to.'
      : e.code === 'ENOTDIR' || e.code === 'EEXIST'
        ? 'a file is in the way where a folder should be. Point --dir at your repository folder.'
        : e.code === 'EROFS'
          ? 'the file system is read-only. Pick a --dir you can write to.'
          : `${e.message}. Check --dir and try again.`;
  return new UsageError(`cannot write ${path}: ${why}`, { cause: e });
}

export function initCommand(opts: { dir: string }, io: Io): number {
  const dir = resolve(opts.dir);
  const targets = FILES.map((f) => ({ ...f, path: join(dir, f.target) }));
  const show = (path: string) => relative(process.cwd(), path) || path;
  const existing = targets.filter((t) => existsSync(t.path));
  // All or nothing: a half-written set-up is harder to reason about than none.
  if (existing.length) {
    const one = existing.length === 1;
    throw new UsageError(
      `${existing.map((t) => show(t.path)).join(' and ')} already exist${one ? 's' : ''}, and init never overwrites a file. Move ${one ? 'it' : 'them'} away or pick another --dir.`,
    );
  }
  const texts = targets.map((t) => ({
    ...t,
    text: readFileSync(join(PACKAGE_ROOT, 'config', 'init', t.template), 'utf8')
      .replaceAll('__ACTION_REPO__', ACTION_REPO)
      .replaceAll('__ACTION_VERSION__', ACTION_VERSION),
  }));
  for (const t of texts) {
    try {
      mkdirSync(dirname(t.path), { recursive: true });
      writeFileSync(t.path, t.text, { flag: 'wx' });
    } catch (e) {
      throw cannotWrite(show(t.path), e as NodeJS.ErrnoException);
    }
    io.out(`wrote ${t.path}\n`);
  }
  io.out(
    'Next: uncomment a destination and a subscription, add its secret in your repository (Settings → Secrets and variables → Actions), and push. The workflow passes it to the action; the config only names it, as ${SLACK_BOT_TOKEN}.\n',
  );
  return 0;
}
