/**
 * Puts the action's bundle on a release tag: builds it from the tagged sources, commits it on top of the tagged
 * commit (dist-action/ is ignored on main, so it is added with --force), moves the release tag and the major tag
 * (`v1` for every 1.x.y) to that commit, and pushes both. Users' `uses: …@v1` and `@v1.2.3` then find the
 * bundle; main never holds it. A tag that already carries the bundle built from its sources is left as it is.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_MAIN, buildActionBundle } from '../build-action.js';
import { commitOf, git } from './git.js';

/** `v1.2.3` -> `v1`; a tag that is not vMAJOR.MINOR.PATCH is refused. */
export function majorTag(tag: string): string {
  const m = /^v(\d+)\.\d+\.\d+$/.exec(tag);
  if (!m) throw new Error(`"${tag}" is not a release tag like v1.2.3, so there is no major tag to move.`);
  return `v${m[1]}`;
}

/** The identity of the bundle commits (GitHub's own for commits made by workflows). */
const BOT = [
  '-c',
  'user.name=github-actions[bot]',
  '-c',
  'user.email=41898282+github-actions[bot]@users.noreply.github.com',
];

export interface CommitBundleResult {
  commit: string;
  /** False when the tag already carried the bundle (a re-run). */
  committed: boolean;
  tags: string[];
}

export async function commitBundle(repoDir: string, tag: string, remote = 'origin'): Promise<CommitBundleResult> {
  const major = majorTag(tag);
  const tagged = commitOf(repoDir, `refs/tags/${tag}`);
  if (!tagged) throw new Error(`There is no tag ${tag} in ${repoDir}. Fetch the tags first (git fetch --tags).`);
  if (commitOf(repoDir, 'HEAD') !== tagged)
    throw new Error(`${repoDir} is not checked out at ${tag}. Check out the tag before committing the bundle on it.`);
  if (git(repoDir, 'status', '--porcelain', '--untracked-files=no'))
    throw new Error(`${repoDir} has uncommitted changes. The bundle is built from the tagged sources only.`);

  await buildActionBundle(repoDir);
  git(repoDir, 'add', '--force', ACTION_MAIN);
  // Nothing staged: the tag already carries this very bundle (the release ran before).
  const committed = !!git(repoDir, 'diff', '--cached', '--name-only');
  if (committed) {
    git(repoDir, ...BOT, 'commit', '--quiet', '--no-verify', '-m', `chore(release): the action's bundle for ${tag}`);
    git(repoDir, 'tag', '--force', tag);
  }
  git(repoDir, 'tag', '--force', major);
  if (!existsSync(join(repoDir, ACTION_MAIN))) throw new Error(`The build left no ${ACTION_MAIN}.`);
  git(repoDir, 'push', '--force', remote, `refs/tags/${tag}`, `refs/tags/${major}`);
  return { commit: commitOf(repoDir, 'HEAD')!, committed, tags: [tag, major] };
}
