/**
 * The release workflow's steps after release-please has tagged a release (.github/workflows/release.yml):
 * `release.ts vX.Y.Z [--dry-run]` commits the action's bundle on the tag, moves the major tag, pushes both,
 * then publishes the npm package with provenance. `--dry-run` is npm's only: the tags are still pushed (the
 * test runs this against a local bare repository).
 */
import { isMain } from '../is-main.js';
import { commitBundle } from './commit-bundle.js';
import { publishPackage } from './publish.js';

export async function release(repoDir: string, tag: string, o: { dryRun?: boolean } = {}): Promise<void> {
  const bundle = await commitBundle(repoDir, tag);
  console.log(
    `${bundle.committed ? 'committed the bundle' : 'the bundle was already'} on ${tag} (${bundle.commit.slice(0, 12)}); pushed ${bundle.tags.join(' and ')}`,
  );
  const out = publishPackage(repoDir, tag, { dryRun: o.dryRun });
  console.log(out.trim().split('\n').at(-1));
}

if (isMain(import.meta.url)) {
  const [tag] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (!tag) {
    console.error('Usage: release.ts vX.Y.Z [--dry-run]. Give the tag release-please created.');
    process.exit(2);
  }
  try {
    await release(process.cwd(), tag, { dryRun: process.argv.includes('--dry-run') });
  } catch (e) {
    console.error(`release: ${(e as Error).message}`);
    process.exit(1);
  }
}
