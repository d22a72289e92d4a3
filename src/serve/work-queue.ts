/**
 * Work that follows an acknowledgement (finding the notes, rendering, posting the answer) runs here, off
 * the request path: a few at a time, each started from a fresh macrotask so that pending requests (whose
 * acks must leave within 3 s) get the event loop between jobs.
 */
import PQueue from 'p-queue';
import type { Logger } from 'pino';

export class WorkQueue {
  private readonly queue: PQueue;
  constructor(
    private readonly logger: Logger,
    concurrency = 2,
  ) {
    this.queue = new PQueue({ concurrency });
  }

  add(job: () => Promise<void>): void {
    void this.queue
      .add(async () => {
        await new Promise((r) => setImmediate(r));
        await job();
      })
      .catch((e: unknown) => this.logger.error({ err: (e as Error).message }, 'background job failed'));
  }

  get size(): number {
    return this.queue.size + this.queue.pending;
  }

  onIdle(): Promise<void> {
    return this.queue.onIdle();
  }
}
