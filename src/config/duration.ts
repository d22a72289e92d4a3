/** `poll.relist_every`: a duration in minutes, hours or days (`30m`, `24h`, `7d`), or `never`. */
import { durationPattern, parseDuration, type DurationUnit } from '../domain/duration.js';

const RELIST_UNITS: DurationUnit[] = ['m', 'h', 'd'];
export const RELIST_EVERY_RE = new RegExp(`${durationPattern(RELIST_UNITS).source}|^never$`, 'i');

/** Seconds, or 0 for `never`. */
export function durationSeconds(text: string): number {
  return parseDuration(text, RELIST_UNITS) ?? 0;
}
