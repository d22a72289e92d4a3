// A mark that cannot be written is retried with backoff until the store answers (issue 22, point 2).
import { describe, expect, it } from 'vitest';
import { untilStoreAnswers } from '../src/deliver/store-retry.js';

const quiet = { warn: () => {} };

describe('untilStoreAnswers', () => {
  it('retries with doubling waits (capped) until the write succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const v = await untilStoreAnswers(
      'mark',
      async () => {
        if (++calls < 6) throw new Error('Connection terminated unexpectedly');
        return 'ok';
      },
      quiet,
      { firstDelayMs: 100, maxDelayMs: 1000, wait: async (ms) => void waits.push(ms) },
    );
    expect(v).toBe('ok');
    expect(waits).toEqual([100, 200, 400, 800, 1000]);
  });

  it('gives up past its budget with the store error', async () => {
    await expect(
      untilStoreAnswers('mark', () => Promise.reject(new Error('ECONNREFUSED')), quiet, {
        firstDelayMs: 100,
        giveUpAfterMs: 250,
        wait: async () => {},
      }),
    ).rejects.toThrow('ECONNREFUSED');
  });
});
