/** git in a given folder: its standard output, trimmed; a failure throws with git's own message. */
import { execFileSync } from 'node:child_process';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The commit a ref names, or null when there is no such ref. */
export function commitOf(cwd: string, ref: string): string | null {
  try {
    return git(cwd, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    return null;
  }
}
