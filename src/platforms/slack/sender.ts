/** Slack bot-token destinations: chat.postMessage through @slack/web-api (429 waits Retry-After in the client). */
import type { Logger } from 'pino';
import { slackLogger } from '../../slack-logger.js';
import { DeliveryError, type RetryPolicy, type Sender } from '../sender.js';

const BROKEN = new Set([
  'channel_not_found',
  'invalid_auth',
  'not_authed',
  'not_in_channel',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'is_archived',
  'no_permission',
  'missing_scope',
  'team_access_not_granted',
]);

export async function createSlackSender(opts: {
  token: string;
  apiUrl?: string;
  retry: RetryPolicy;
  logger: Logger;
}): Promise<Sender> {
  const { WebClient, WebClientEvent, LogLevel } = await import('@slack/web-api');
  let retries = 0;
  const log = opts.logger;
  const client = new WebClient(opts.token, {
    slackApiUrl: opts.apiUrl ?? 'https://slack.com/api/',
    retryConfig: {
      retries: opts.retry.retries,
      factor: 2,
      minTimeout: opts.retry.minDelayMs,
      maxTimeout: opts.retry.minDelayMs * 16,
    },
    rejectRateLimitedCalls: false,
    logLevel: LogLevel.ERROR,
    // The client warns once per failed attempt it is about to retry: count them.
    logger: slackLogger(log, { warnAs: 'debug', onWarn: () => retries++ }),
  });
  client.on(WebClientEvent.RATE_LIMITED, (sec: number) => {
    retries++;
    log.warn({ retryAfter: sec }, 'Slack rate limit: waiting Retry-After');
  });
  return {
    retries: () => retries,
    async send(payload, { threadTs }) {
      try {
        const res = await client.chat.postMessage({
          ...(payload as { channel: string; text: string }),
          ...(threadTs ? { thread_ts: threadTs } : {}),
        });
        return { messageId: String(res.ts) };
      } catch (e) {
        const err = e as { code?: string; data?: { error?: string }; statusCode?: number; message: string };
        const code = err.data?.error;
        if (code && BROKEN.has(code)) throw new DeliveryError('broken', `Slack answered ${code}`, { cause: e });
        if (code) throw new DeliveryError('rejected', `Slack answered ${code}`, { cause: e });
        throw new DeliveryError(
          'transient',
          `Slack request failed: ${err.statusCode ? `HTTP ${err.statusCode}` : err.message}`,
          { cause: e },
        );
      }
    },
  };
}
