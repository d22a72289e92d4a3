/** `poll.relist_every`: a duration in minutes, hours or days (`30m`, `24h`, `7d`), or `never`. */
export const RELIST_EVERY_RE = /^(?:(\d+)([mhd])|never)$/;

const UNIT_SEC: Record<string, number> = { m: 60, h: 3600, d: 86_400 };

/** Seconds, or 0 for `never`. */
export function durationSeconds(text: string): number {
  const m = RELIST_EVERY_RE.exec(text);
  if (!m || !m[1]) return 0;
  return Number(m[1]) * UNIT_SEC[m[2]!]!;
}
