/**
 * pino to standard error (standard output is for results). Secrets are redacted wherever they appear: by key
 * (`token`, `webhook_url`, …) and by value (every secret the environment schema flags, in any message).
 */
import { pino, type Level, type Logger } from 'pino';

export interface LoggerOptions {
  level?: Level | 'silent';
  /** Secret values (from the environment) that must never reach a log line. */
  secrets?: readonly string[];
  /** Where lines go; default standard error. */
  write?: (line: string) => void;
}

/** Shorter values would redact ordinary words; no real token, key or password is this short. */
const MIN_SECRET_LENGTH = 6;

/** Replaces every secret, as written and as JSON escapes it, with `[secret]`. */
export function secretRedactor(secrets: readonly string[]): (s: string) => string {
  const forms = [
    ...new Set(
      secrets.filter((v) => v.length >= MIN_SECRET_LENGTH).flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]),
    ),
  ];
  // Longest first, so a secret containing another is replaced whole.
  forms.sort((a, b) => b.length - a.length);
  if (!forms.length) return (s) => s;
  return (s) => forms.reduce((acc, f) => acc.split(f).join('[secret]'), s);
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const redact = secretRedactor(opts.secrets ?? []);
  return pino(
    {
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
      hooks: { streamWrite: redact },
    },
    opts.write ? { write: opts.write } : pino.destination({ fd: 2, sync: true }),
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
