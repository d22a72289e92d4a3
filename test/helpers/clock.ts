/** A virtual clock for pacing tests: `sleep` moves time forward at once, so minutes of pacing take no time. */
import type { Clock } from '../../src/github/pacing.js';

export function virtualClock(start = Date.UTC(2026, 5, 1, 12)): Clock & { slept: number } {
  let now = start;
  const clock = {
    slept: 0,
    now: () => now,
    sleep: async (ms: number) => {
      const until = now + ms;
      await Promise.resolve();
      if (until > now) {
        clock.slept += until - now;
        now = until;
      }
    },
  };
  return clock;
}

/** The most points any 60-second window holds, from (time, points) records. */
export function maxPerMinute(records: readonly { at: number; points: number }[]): number {
  const sorted = [...records].sort((a, b) => a.at - b.at);
  let best = 0;
  let sum = 0;
  let lo = 0;
  for (const r of sorted) {
    sum += r.points;
    while (sorted[lo]!.at <= r.at - 60_000) sum -= sorted[lo++]!.points;
    best = Math.max(best, sum);
  }
  return best;
}
