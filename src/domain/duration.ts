/**
 * The one reading of durations (`30s`, `15m`, `24h`, `7d`, `2w`) for flags and config keys alike; each use
 * says which units make sense for it (`--poll-every` takes seconds, `--since` weeks).
 */
const UNIT_SEC = { s: 1, m: 60, h: 3600, d: 86_400, w: 7 * 86_400 } as const;
export type DurationUnit = keyof typeof UNIT_SEC;

/** A number (`nonZero`: from 1) and one of `units`, case-insensitive, spaces allowed between (`15m`, `2 W`). */
export function durationPattern(units: readonly DurationUnit[], nonZero = false): RegExp {
  return new RegExp(`^(${nonZero ? '[1-9]\\d*' : '\\d+'})\\s*([${units.join('')}])$`, 'i');
}

/** Seconds, or null when `text` is not a number and one of `units`. */
export function parseDuration(text: string, units: readonly DurationUnit[]): number | null {
  const m = durationPattern(units).exec(text.trim());
  return m ? Number(m[1]) * UNIT_SEC[m[2]!.toLowerCase() as DurationUnit] : null;
}
