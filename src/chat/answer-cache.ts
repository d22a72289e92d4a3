/**
 * Query answers, rendered once per release: the same `/releases pytorch` asked forty times renders (and loads
 * the release's items) once. Keyed by what the answer depends on: platform, the release's stored revision
 * (its body hash: an edit is a new key) and the categories shown. A small LRU in memory, one per server.
 */
export class AnswerCache<T> {
  private readonly entries = new Map<string, T>();
  /** Work in flight per key: concurrent asks for one answer wait for the same rendering. */
  private readonly pending = new Map<string, Promise<T>>();
  constructor(private readonly max = 256) {}

  get size(): number {
    return this.entries.size;
  }

  async get(key: string, make: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const made = make().finally(() => this.pending.delete(key));
    this.pending.set(key, made);
    const value = await made;
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
