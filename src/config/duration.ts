/** `poll.relist_every`: a duration in minutes, hours or days (`30m`, `24h`, `7d`), or `never`. */
export const RELIST_EVERY_RE = /^(?:(\d+)([mhd])|never)$/;

const UNIT_SEC: Record<string, number> = { m: 60, h: 3600, d: 86_400 };

/** Seconds, or 0 for `never`. */
export function durationSeconds(text: string): number {
  const m = RELIST_EVERY_RE.exec(text);
  if (!m || !m[1]) return 0;
  return Number(m[1]) * UNIT_SEC[m[2]!]!;
}

/** `poll.every` and a repo's `every`: seconds, minutes, hours or days (`30s`, `15m`, `1h`, `1d`). */
export const EVERY_RE = /^([1-9]\d*)([smhd])$/;

/** Seconds of an `every` duration (the schema has checked it). */
export function everySeconds(text: string): number {
  const m = EVERY_RE.exec(text);
  if (!m) throw new Error(`invalid duration "${text}": expected a number and a unit, like 30s, 15m, 1h or 1d`);
  return Number(m[1]) * (m[2] === 's' ? 1 : UNIT_SEC[m[2]!]!);
}
