/** `poll.relist_every`: a duration in minutes, hours or days (`30m`, `24h`, `7d`), or `never`. */
import { durationPattern, parseDuration, type DurationUnit } from '../domain/duration.js';

const RELIST_UNITS: DurationUnit[] = ['m', 'h', 'd'];
export const RELIST_EVERY_RE = new RegExp(`${durationPattern(RELIST_UNITS).source}|^never$`, 'i');

/** Seconds, or 0 for `never`. */
export function durationSeconds(text: string): number {
  return parseDuration(text, RELIST_UNITS) ?? 0;
}

/** `poll.every` and a repo's `every`: seconds, minutes, hours or days (`30s`, `15m`, `1h`, `1d`), not 0. */
const EVERY_UNITS: DurationUnit[] = ['s', 'm', 'h', 'd'];
export const EVERY_RE = durationPattern(EVERY_UNITS, true);

/** Seconds of an `every` duration (the schema has checked it). */
export function everySeconds(text: string): number {
  const sec = EVERY_RE.test(text.trim()) ? parseDuration(text, EVERY_UNITS) : null;
  if (!sec) throw new Error(`invalid duration "${text}": expected a number and a unit, like 30s, 15m, 1h or 1d`);
  return sec;
}
