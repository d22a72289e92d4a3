/**
 * Publishes the npm package from the release checkout, with provenance (a signed statement, made from GitHub's
 * OIDC token, of the repository and workflow that built it: the job needs `id-token: write`). Install scripts
 * are not run again: the workflow's `npm ci` built dist/ from these sources (its `prepare`), and a missing build
 * is an error rather than a package without its CLI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PublishOptions {
  /** `npm publish --dry-run`: packs and reports, uploads nothing. */
  dryRun?: boolean;
}

export function publishPackage(repoDir: string, tag: string, o: PublishOptions = {}): string {
  const { name, version } = JSON.parse(readFileSync(join(repoDir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  if (`v${version}` !== tag)
    throw new Error(`package.json says ${version} but the release is ${tag}. Publish from the checkout of the tag.`);
  if (!existsSync(join(repoDir, 'dist', 'cli', 'run.js')))
    throw new Error(`dist/cli/run.js is missing in ${repoDir}. Run npm ci (which builds it) before publishing.`);
  const args = [
    'publish',
    '--provenance',
    '--access',
    'public',
    '--ignore-scripts',
    ...(o.dryRun ? ['--dry-run'] : []),
  ];
  const out = execFileSync('npm', args, { cwd: repoDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (!out.includes(`${name}@${version}`)) throw new Error(`npm publish did not report ${name}@${version}:\n${out}`);
  return out;
}
