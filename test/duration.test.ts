// One reading of durations for every flag and config key; each use admits its own units.
import { describe, expect, it } from 'vitest';
import { durationSeconds, RELIST_EVERY_RE } from '../src/config/duration.js';
import { parseSince } from '../src/digest/window.js';
import { parseDuration } from '../src/domain/duration.js';
import { parseEvery } from '../src/serve/scheduler.js';

describe('durations', () => {
  it('reads a number and a unit, in the units a use admits', () => {
    expect(parseDuration('15m', ['s', 'm', 'h'])).toBe(900);
    expect(parseDuration(' 2 W ', ['d', 'w'])).toBe(14 * 86_400);
    expect(parseDuration('7d', ['s', 'm', 'h'])).toBeNull();
    expect(parseDuration('m', ['m'])).toBeNull();
  });

  it('--poll-every, --since and poll.relist_every all read through it', () => {
    expect(parseEvery('30s')).toBe(30);
    expect(() => parseEvery('1d')).toThrow(/expected a number and a unit, like 30s, 15m or 1h/);
    const now = new Date('2026-12-06T00:00:00Z');
    expect(parseSince('2w', now).toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(durationSeconds('24h')).toBe(86_400);
    expect(durationSeconds('never')).toBe(0);
    expect(RELIST_EVERY_RE.test('never')).toBe(true);
    expect(RELIST_EVERY_RE.test('30s')).toBe(false);
  });
});
