/**
 * A store write that must not be lost: the message went out, so its row has to say so before the destination's
 * queue moves on (or a later run would send it again). While the store does not answer (a dropped PostgreSQL
 * connection, a restart), the write is retried with backoff; nothing else is sent to that destination meanwhile.
 * After `giveUpAfterMs` (10 minutes) it gives up: the row keeps its claim, and a later run may repeat that one
 * message, as after a crash.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

export interface RetryOptions {
  /** First wait, doubled after each failure up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  giveUpAfterMs?: number;
  /** Injected for tests. */
  wait?: (ms: number) => Promise<unknown>;
}

export async function untilStoreAnswers<T>(
  what: string,
  write: () => Promise<T>,
  log: Pick<Logger, 'warn'>,
  o: RetryOptions = {},
): Promise<T> {
  const wait = o.wait ?? sleep;
  let delay = o.firstDelayMs ?? 100;
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (waited >= (o.giveUpAfterMs ?? 600_000)) throw e;
      log.warn({ err: (e as Error).message, attempt, retryInMs: delay }, `store did not answer (${what}): retrying`);
      await wait(delay);
      waited += delay;
      delay = Math.min(delay * 2, o.maxDelayMs ?? 5000);
    }
  }
}
