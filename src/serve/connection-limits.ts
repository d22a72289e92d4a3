/**
 * Connections per client address, and a reserve for /healthz. Without them one client holding idle sockets
 * filled `maxConnections` and every new connection (health checks included) was refused until the header
 * timeout. Now each address gets at most `perAddress` connections (more are closed at once); past
 * `maxConnections`, `healthReserve` more are accepted for /healthz only (anything else on them gets 503).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';

export interface ConnectionLimits {
  maxConnections: number;
  perAddress: number;
  healthReserve: number;
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
const clientOf = (s: Socket) => (s.remoteAddress ?? '?').replace(/^::ffff:/, '');

export function limitConnections(
  server: Server,
  limits: ConnectionLimits,
  logger: Pick<Logger, 'warn'>,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const perClient = new Map<string, number>();
  const reserve = new WeakSet<Socket>();
  let open = 0;
  let lastWarned = 0;
  // Node itself refuses what is past the reserve too.
  server.maxConnections = limits.maxConnections + limits.healthReserve;
  server.on('connection', (socket: Socket) => {
    const client = clientOf(socket);
    const mine = perClient.get(client) ?? 0;
    if (mine >= limits.perAddress) {
      // One line a second at most: a flood must not become a flood of log lines.
      if (Date.now() - lastWarned > 1000) {
        lastWarned = Date.now();
        logger.warn(
          { refused: 'too many connections', remote: client, limit: limits.perAddress },
          'connection refused',
        );
      }
      socket.destroy();
      return;
    }
    perClient.set(client, mine + 1);
    if (open >= limits.maxConnections) reserve.add(socket);
    open++;
    socket.once('close', () => {
      open--;
      const n = (perClient.get(client) ?? 1) - 1;
      if (n) perClient.set(client, n);
      else perClient.delete(client);
    });
  });
  /** False when the request came on a reserve connection and is not for /healthz: it has been answered 503. */
  return (req, res) => {
    if (!reserve.has(req.socket)) return true;
    if ((req.url ?? '').split('?')[0] === '/healthz') {
      res.shouldKeepAlive = false; // the reserve is for a moment, not for keeping
      return true;
    }
    res.writeHead(503, { 'content-type': 'text/plain', connection: 'close' }).end('too many connections');
    return false;
  };
}
