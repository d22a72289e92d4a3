/**
 * How the msw handlers of the platform fakes are used: in-process through msw's `setupServer` (tests), or
 * served on loopback by @mswjs/http-middleware for child processes (CLI tests, crash test, benchmarks).
 * The handlers are the same either way; they are written with host-wildcard paths (`*\/api/...`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createServer as createMswApp } from '@mswjs/http-middleware';
import { HttpResponse, type RequestHandler } from 'msw';

export interface LoopbackServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Anything that brings its own msw handlers (the fakes). */
export interface HasHandlers {
  readonly handlers: RequestHandler[];
}

/** The socket of the request being served on loopback, so a handler can drop it. */
const servedSocket = new AsyncLocalStorage<Socket>();

/** Serves msw handlers on 127.0.0.1 at a free port. */
export async function serveHandlers(handlers: RequestHandler[]): Promise<LoopbackServer> {
  // The middleware is CommonJS and types msw's CommonJS build: the same handlers, another declaration.
  const app = createMswApp(...(handlers as unknown as Parameters<typeof createMswApp>));
  const server = createServer((req, res) => servedSocket.run(req.socket, () => app(req, res)));
  // Idle connections stay open as at the platforms (tens of seconds). With 1 s the answers said
  // `Keep-Alive: timeout=1`, which undici takes as too short to reuse (it keeps a margin of 1-2 s): a new
  // connection per request, 750 in the fan-out benchmark instead of about 100.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A dropped connection: a network error in-process; on loopback the socket closes without an answer. */
export function dropConnection(): Response {
  const socket = servedSocket.getStore();
  if (!socket) return HttpResponse.error();
  socket.destroy();
  // Written to a closed socket: nobody reads it (a status of 0 would make the middleware throw).
  return new HttpResponse(null, { status: 500 });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(body as never, { status, headers });
}

/** msw's `onUnhandledRequest` for tests that also run real local servers: loopback passes, anything else fails. */
export function unhandledUnlessLoopback(request: Request, print: { error(): void }): void {
  const host = new URL(request.url).hostname;
  if (host === '127.0.0.1' || host === 'localhost' || host === '[::1]') return;
  print.error();
}
