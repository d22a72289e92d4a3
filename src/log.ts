/**
 * pino to standard error (standard output is for results). Secrets are redacted wherever they appear: by key
 * (`token`, `webhook_url`, …), and by value and shape through the redactor the composition root builds
 * (src/domain/redact.ts) and feeds with every secret the environment schema flags.
 */
import { pino, type Level, type Logger } from 'pino';
import { Redactor } from './domain/redact.js';

export interface LoggerOptions {
  level?: Level | 'silent';
  /** What keeps secrets out of log lines (default: one that knows only the shapes secrets take). */
  redactor?: Redactor;
  /** Where lines go; default standard error. */
  write?: (line: string) => void;
  /** Lines for a person (standard error is a terminal) instead of JSON: `release-radar info: msg (key=value)`. */
  human?: boolean;
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** One pino JSON line as a person reads it; the fields after the message as `key=value`. */
export function humanLogLine(json: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { level, time: _time, name, msg, ...rest } = o;
  const fields = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
  const label = LEVEL_NAMES[Number(level)] ?? String(level);
  return `${String(name ?? 'release-radar')} ${label}: ${String(msg ?? '')}${fields ? ` (${fields})` : ''}\n`;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const redactor = opts.redactor ?? new Redactor();
  return pino(
    {
      // Known secret values and secret-shaped strings, wherever they are in a line (error texts included).
      hooks: {
        logMethod(args, method) {
          method.apply(this, redactor.redactDeep(args) as Parameters<typeof method>);
        },
      },
      name: 'release-radar',
      level: opts.level ?? 'info',
      redact: {
        paths: [
          'token',
          '*.token',
          'auth',
          '*.auth',
          'headers.authorization',
          'webhook_url',
          '*.webhook_url',
          'smtp_url',
          '*.smtp_url',
        ],
        censor: '[secret]',
      },
      base: undefined,
    },
    opts.human
      ? { write: (line: string) => (opts.write ?? ((l: string) => void process.stderr.write(l)))(humanLogLine(line)) }
      : opts.write
        ? { write: opts.write }
        : pino.destination({ fd: 2, sync: true }),
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
