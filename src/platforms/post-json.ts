/**
 * One JSON POST with the retries every webhook-style destination needs (Slack incoming webhooks, Teams
 * Workflows, signed webhooks): 429 waits for Retry-After, 5xx and network errors back off exponentially, and
 * what cannot pass is a DeliveryError of the right kind. Hand-written because the platform SDKs speak their
 * own APIs, not webhooks, and fetch has no retry policy; it is the only such loop.
 */
import { DeliveryError, type RetryPolicy } from './sender.js';

export interface JsonPostOptions {
  /** How errors name the destination: "Slack webhook", "Teams workflow", "webhook". */
  label: string;
  url: string;
  retry: RetryPolicy;
  /** Headers made per attempt from the body sent and the value it was made from (a signature carries a timestamp, so each try signs afresh). */
  headers?: (body: string, payload: unknown) => Record<string, string>;
  /** Statuses that mean the destination is gone for good (default 403, 404, 410). */
  broken?: readonly number[];
  /** Waits between tries (tests inject a clock-free one). */
  sleep?: (ms: number) => Promise<void>;
}

export interface JsonPoster {
  /** Posts one body; resolves with the 2xx status and answer text, or throws a DeliveryError. */
  post(payload: unknown): Promise<{ status: number; text: string }>;
  /** Waits and retries so far (for the run summary). */
  retries(): number;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An answer slower than this is a failed try (a receiver that never answers must not hold the queue). */
const ANSWER_TIMEOUT_MS = 30_000;
/** A Retry-After past this is not waited out in this run: the message stays pending for the next one. */
const MAX_RETRY_AFTER_S = 300;

export function jsonPoster(opts: JsonPostOptions): JsonPoster {
  let retries = 0;
  const broken = opts.broken ?? [403, 404, 410];
  const sleep = opts.sleep ?? wait;
  return {
    retries: () => retries,
    async post(payload) {
      const body = JSON.stringify(payload);
      for (let attempt = 0; ; attempt++) {
        let status = 0;
        let text = '';
        let retryAfter = 0;
        try {
          const res = await fetch(opts.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...opts.headers?.(body, payload) },
            body,
            // fetch would follow a redirect as a GET without the body, and its 2xx would look like delivery.
            redirect: 'manual',
            signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
          });
          status = res.status;
          text = (await res.text()).slice(0, 200);
          retryAfter = Number(res.headers.get('retry-after')) || 0;
        } catch (e) {
          if (attempt >= opts.retry.retries)
            throw new DeliveryError('transient', `${opts.label} unreachable: ${(e as Error).message}`, { cause: e });
        }
        if (status >= 200 && status < 300) return { status, text };
        if (status >= 300 && status < 400)
          throw new DeliveryError(
            'broken',
            `${opts.label} answered ${status}, a redirect: configure the address it redirects to`,
          );
        if (broken.includes(status))
          throw new DeliveryError('broken', `${opts.label} answered ${status} ${text}`.trim());
        if (status && status !== 429 && status < 500)
          throw new DeliveryError('rejected', `${opts.label} answered ${status} ${text}`.trim());
        if (retryAfter > MAX_RETRY_AFTER_S)
          throw new DeliveryError('transient', `${opts.label} asked to wait ${retryAfter} s: left for the next run`);
        if (attempt >= opts.retry.retries)
          throw new DeliveryError(
            'transient',
            `${opts.label} answered ${status || 'nothing'} after ${attempt + 1} tries`,
          );
        retries++;
        await sleep(status === 429 && retryAfter ? retryAfter * 1000 : opts.retry.minDelayMs * 2 ** attempt);
      }
    },
  };
}
