/** The chat adapters' common interface, and the three ways a send can fail. */

export interface SendResult {
  /** Slack `ts`, Discord message id, or a local id for webhooks that return none. */
  messageId: string;
}

export interface Sender {
  /** `threadTs`: the first part's message id, for platforms that thread follow-ups (Slack bot tokens). */
  send(payload: Record<string, unknown>, opts: { threadTs?: string }): Promise<SendResult>;
  /** Rate-limit waits and retries the client went through (for the run summary). */
  retries(): number;
}

/**
 * - `broken`: the destination itself is unusable (webhook deleted, channel not found, bad token): stop
 *   sending to it and say so.
 * - `rejected`: the platform refused this message (400 / invalid_blocks): it will not pass unchanged.
 * - `transient`: 5xx or network trouble that outlasted the retries: keep it pending for the next run.
 */
export type FailureKind = 'broken' | 'rejected' | 'transient';

export class DeliveryError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}

export interface RetryPolicy {
  retries: number;
  /** First backoff in ms; doubles each retry. */
  minDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, minDelayMs: 1000 };
