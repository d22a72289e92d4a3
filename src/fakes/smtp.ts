/** A real SMTP server (smtp-server) on loopback, parsing what arrives with mailparser. */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  mail: ParsedMail;
  raw: string;
}

export class FakeSmtp {
  readonly received: ReceivedMail[] = [];
  /** Recipients the server refuses (550). */
  readonly reject = new Set<string>();
  private server!: SMTPServer;
  port = 0;

  get url(): string {
    // smtp-server's bundled certificate has expired: no STARTTLS on either side.
    return `smtp://127.0.0.1:${this.port}?ignoreTLS=true`;
  }

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, cb) => {
        if (this.reject.has(address.address)) {
          const err = new Error(`5.1.1 <${address.address}>: mailbox unavailable`) as Error & { responseCode: number };
          err.responseCode = 550;
          return cb(err);
        }
        cb();
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((mail) => {
              this.received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail, raw });
              cb();
            })
            .catch(cb);
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
