/** Remembers signatures seen in the last window, so that a captured request cannot be replayed. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  constructor(private readonly windowMs = 5 * 60_000) {}

  /** True if `key` was seen within the window; records it either way. */
  check(key: string, now = Date.now()): boolean {
    if (this.seen.size > 10_000) for (const [k, t] of this.seen) if (now - t > this.windowMs) this.seen.delete(k);
    const t = this.seen.get(key);
    this.seen.set(key, now);
    return t !== undefined && now - t <= this.windowMs;
  }
}
