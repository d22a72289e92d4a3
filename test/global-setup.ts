/**
 * Tests that spawn the CLI run bin/, which runs dist/: rebuild it first when a source is newer, so that
 * `npx vitest` after an edit tests the current code (a build with nothing changed is skipped: it takes seconds).
 */
import { execFileSync } from 'node:child_process';
import { ROOT, staleSources } from './helpers/build.js';

export default function setup(): void {
  const stale = staleSources();
  if (!stale.length) return;
  console.log(
    `dist/ is older than ${stale.length} source file(s) (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''}): building`,
  );
  // `npm run build`: tsc, then what the build generates from the compiled code (the built-in config).
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}
