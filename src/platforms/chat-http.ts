import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/** Every request body is refused over this size: Slack's and Discord's payloads are a few KB. */
export const BODY_LIMIT = 64 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/**
 * Reads a request body, counting while it streams: past `limit` (or a Content-Length that announces more)
 * it stops reading and rejects with BodyTooLargeError, before buffering the rest. The socket is left open
 * so that a 413 can still be answered (with `connection: close`).
 */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > limit) return reject(new BodyTooLargeError(limit));
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (err: Error | null) => {
      req.off('data', onData).off('end', onEnd).off('error', done);
      if (err) {
        req.pause();
        reject(err);
      } else resolve(Buffer.concat(chunks));
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) return done(new BodyTooLargeError(limit));
      chunks.push(c);
    };
    const onEnd = () => done(null);
    req.on('data', onData).on('end', onEnd).on('error', done);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

/** 413, and the connection closes: the rest of the body is never read. */
export function sendTooLarge(res: ServerResponse): void {
  if (res.headersSent) return;
  res
    .writeHead(413, { 'content-type': 'text/plain', connection: 'close' })
    .end(`request body over ${BODY_LIMIT} bytes`);
}

export type RefusalReason = 'too large' | 'bad signature' | 'stale' | 'replay' | 'malformed';

/** One JSON line per refused request (never the body or the signature). */
export function logRefused(logger: Logger, req: IncomingMessage, reason: RefusalReason, platform?: string): void {
  logger.warn(
    {
      refused: reason,
      ...(platform ? { platform } : {}),
      path: (req.url ?? '').split('?')[0],
      remote: req.socket.remoteAddress,
    },
    'request refused',
  );
}

/** Slack's and Discord's 5-minute window, both ways: a timestamp too far in the future is refused as well. */
export const MAX_SKEW_SEC = 300;
export function freshTimestamp(ts: string | undefined, nowMs = Date.now()): boolean {
  if (ts === undefined || !/^\d{1,12}$/.test(ts)) return false;
  return Math.abs(nowMs / 1000 - Number(ts)) <= MAX_SKEW_SEC;
}
