/** Digest windows: `--since 7d` style durations, and where a window starts. */
import { UsageError } from '../domain/errors.js';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
export const DEFAULT_LOOKBACK_MS = 7 * 86_400_000;

/** `7d`, `12h`, `2w`, `90m`, or an ISO date/time: the start of the window as of `now`. */
export function parseSince(since: string, now: Date): Date {
  const m = /^(\d+)\s*([mhdw])$/i.exec(since.trim());
  if (m) return new Date(now.getTime() - Number(m[1]) * UNITS[m[2]!.toLowerCase()]!);
  const t = Date.parse(since);
  if (!Number.isNaN(t) && /^\d{4}-\d{2}-\d{2}/.test(since)) return new Date(t);
  throw new UsageError(`invalid --since "${since}": expected a duration like 7d, 12h, 2w, or a date like 2026-11-18`);
}
