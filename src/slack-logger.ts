/** The logger interface of Slack's SDKs (Bolt and web-api) over pino, so their lines land in our logs, not on the console. */
import type { LogLevel, Logger as SlackLogger } from '@slack/web-api';
import type { Logger } from 'pino';

/** `onWarn` is called for each warning (web-api warns once per attempt it is about to retry). */
export function slackLogger(log: Logger, opts: { warnAs?: 'warn' | 'debug'; onWarn?: () => void } = {}): SlackLogger {
  const warnAs = opts.warnAs ?? 'warn';
  return {
    debug: (...m: unknown[]) => log.debug({ slack: m.map(String) }, 'slack'),
    info: (...m: unknown[]) => log.debug({ slack: m.map(String) }, 'slack'),
    warn: (...m: unknown[]) => {
      opts.onWarn?.();
      log[warnAs]({ slack: m.map(String) }, 'slack');
    },
    error: (...m: unknown[]) => log[warnAs]({ slack: m.map(String) }, 'slack error'),
    setLevel: () => {},
    getLevel: () => 'error' as LogLevel,
    setName: () => {},
  };
}
