/**
 * `serve` is the always-on bot: one bad payload must not end it, and with it the poll and digest jobs. Client
 * libraries (discord.js, Bolt, ws, pg) run handlers for untrusted input in their own callbacks, where an
 * exception reaches the process, not us. This guard logs such an error (with where it came from) and carries on;
 * the work it interrupted is retried or reported by its own job, and the outbox loses nothing.
 */
import type { Logger } from 'pino';

export function guardProcess(logger: Pick<Logger, 'error'>): () => void {
  const onException = (e: unknown, origin: string) =>
    logger.error(
      {
        err: (e as Error)?.message ?? String(e),
        stack: (e as Error)?.stack?.split('\n').slice(0, 4).join(' | '),
        origin,
      },
      'uncaught error: logged, serve keeps running',
    );
  const onRejection = (e: unknown) => onException(e, 'unhandledRejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
