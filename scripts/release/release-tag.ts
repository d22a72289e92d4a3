/**
 * Which release, if any, a commit is: release-please tags the merge commit of a release PR `v<version>` (the
 * version its package.json now holds), so a commit is a release when the tag of its package.json version points
 * at it. Once the bundle is committed on the tag, the tag points past the merge commit and a second run for the
 * same commit finds nothing to do. Only node: imports, so the workflow runs it with Node 24 alone, before
 * `npm ci`: `node scripts/release/release-tag.ts SHA` prints `tag=vX.Y.Z` (for $GITHUB_OUTPUT) or nothing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const commitOf = (repoDir: string, ref: string): string | null => {
  try {
    return execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
      cwd: repoDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
};

export function releaseTag(repoDir: string, sha = 'HEAD'): string | null {
  const { version } = JSON.parse(readFileSync(join(repoDir, 'package.json'), 'utf8')) as { version: string };
  const tag = `v${version}`;
  const tagged = commitOf(repoDir, `refs/tags/${tag}`);
  return tagged && tagged === commitOf(repoDir, sha) ? tag : null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const tag = releaseTag(process.cwd(), process.argv[2] ?? 'HEAD');
  if (tag) console.log(`tag=${tag}`);
  else console.error('Not a release commit: no tag of the package.json version points at it.');
}
