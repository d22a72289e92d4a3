/** Digest windows: `--since 7d` style durations, and where a window starts. */
import { parseDuration } from '../domain/duration.js';
import { UsageError } from '../domain/errors.js';

export const DEFAULT_LOOKBACK_MS = 7 * 86_400_000;

/** `7d`, `12h`, `2w`, `90m`, or an ISO date/time: the start of the window as of `now`. */
export function parseSince(since: string, now: Date): Date {
  const sec = parseDuration(since, ['m', 'h', 'd', 'w']);
  if (sec !== null) return new Date(now.getTime() - sec * 1000);
  const t = Date.parse(since);
  if (!Number.isNaN(t) && /^\d{4}-\d{2}-\d{2}/.test(since)) return new Date(t);
  throw new UsageError(`invalid --since "${since}": expected a duration like 7d, 12h, 2w, or a date like 2026-11-18`);
}
