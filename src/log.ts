/** pino to standard error (standard output is for results). Secrets are redacted wherever they appear. */
import { pino, type Logger } from 'pino';
import { addSecretsFromEnv, redactDeep } from './domain/redact.js';

export function createLogger(env: NodeJS.ProcessEnv = process.env, write?: (line: string) => void): Logger {
  addSecretsFromEnv(env);
  return pino(
    {
      // Known secret values and secret-shaped strings, wherever they are in a line (error texts included).
      hooks: {
        logMethod(args, method) {
          method.apply(this, redactDeep(args) as Parameters<typeof method>);
        },
      },
      name: 'release-radar',
      level: env.LOG_LEVEL ?? 'info',
      redact: { paths: ['token', '*.token', 'auth', '*.auth', 'headers.authorization', 'webhook_url', '*.webhook_url', 'smtp_url', '*.smtp_url'], censor: '[secret]' },
      base: undefined,
    },
    write ? { write } : pino.destination({ fd: 2, sync: true }),
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
