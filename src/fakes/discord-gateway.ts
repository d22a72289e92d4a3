/**
 * A fake Discord gateway on loopback (the `ws` package, JSON encoding, no compression): HELLO (op 10) on
 * connect, IDENTIFY (op 2) answered with READY (op 0), heartbeats (op 1) answered with ACK (op 11), and
 * INTERACTION_CREATE dispatches sent by the test. Clients find it through the fake REST API's
 * GET /gateway/bot (FakeDiscord.gatewayUrl), as they find Discord's.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface GatewayPacket {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export class FakeDiscordGateway {
  readonly identifies: { token: string; intents: number }[] = [];
  heartbeats = 0;
  heartbeatIntervalMs = 1000;
  applicationId = '4242';
  /** The token IDENTIFY must carry (else close 4004, as Discord does). */
  botToken = 'MTIzNDU2.Gx1y2z.fake-gateway-token';
  private wss!: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly ready = new Set<WebSocket>();
  private seq = 0;

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }
  get connected(): number {
    return this.ready.size;
  }

  async start(): Promise<this> {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => this.wss.once('listening', () => r()));
    this.wss.on('connection', (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => {
        this.sockets.delete(ws);
        this.ready.delete(ws);
      });
      ws.on('message', (raw) => this.onPacket(ws, JSON.parse(raw.toString()) as GatewayPacket));
      this.send(ws, { op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } });
    });
    return this;
  }

  private send(ws: WebSocket, p: GatewayPacket): void {
    ws.send(JSON.stringify({ s: null, t: null, ...p }));
  }

  private onPacket(ws: WebSocket, p: GatewayPacket): void {
    if (p.op === 1) {
      this.heartbeats++;
      this.send(ws, { op: 11 });
    } else if (p.op === 2) {
      const d = p.d as { token: string; intents: number };
      this.identifies.push({ token: d.token, intents: d.intents });
      if (d.token !== this.botToken) {
        ws.close(4004, 'Authentication failed.');
        return;
      }
      this.ready.add(ws);
      this.send(ws, {
        op: 0,
        t: 'READY',
        s: ++this.seq,
        d: {
          v: 10,
          user: {
            id: this.applicationId,
            username: 'release-radar',
            discriminator: '0',
            global_name: null,
            avatar: null,
            bot: true,
          },
          guilds: [],
          session_id: 'fake-session',
          resume_gateway_url: this.url,
          application: { id: this.applicationId, flags: 0 },
        },
      });
    }
  }

  /** Sends INTERACTION_CREATE to every identified connection, with the fields Discord always includes. */
  dispatchInteraction(interaction: Record<string, unknown>): void {
    const d = {
      version: 1,
      locale: 'en-US',
      app_permissions: '2048',
      entitlements: [],
      authorizing_integration_owners: { '0': '1' },
      context: 0,
      attachment_size_limit: 10485760,
      ...interaction,
    };
    this.dispatchRaw(d);
  }

  /** Sends INTERACTION_CREATE with exactly this `d` (no fields added): for malformed payloads. */
  dispatchRaw(d: unknown): void {
    for (const ws of this.ready) this.send(ws, { op: 0, t: 'INTERACTION_CREATE', s: ++this.seq, d });
  }

  close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    return new Promise((r) => this.wss.close(() => r()));
  }
}
