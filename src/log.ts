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
    opts.write ? { write: opts.write } : pino.destination({ fd: 2, sync: true }),
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
