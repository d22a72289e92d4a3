// The one JSON POST behind Slack webhooks, Teams and signed webhooks: what each answer means.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonPoster } from '../src/platforms/post-json.js';

type Answer = { status: number; headers?: Record<string, string> };

describe('jsonPoster', () => {
  let server: Server;
  const received: { method: string; body: string }[] = [];
  afterEach(async () => {
    received.length = 0;
    await new Promise((r) => server.close(r));
  });

  async function serve(answers: Answer[]): Promise<string> {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        received.push({ method: req.method!, body });
        const a = answers.shift() ?? { status: 204 };
        res.writeHead(a.status, a.headers).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  }

  const noWait = async () => {};
  const poster = (url: string) =>
    jsonPoster({ label: 'webhook', url, retry: { retries: 3, minDelayMs: 1 }, sleep: noWait });

  it('a redirect is not followed (fetch would re-send it as a GET without the body): the destination is broken', async () => {
    const url = await serve([{ status: 302, headers: { location: '/elsewhere' } }]);
    await expect(poster(url).post({ a: 1 })).rejects.toMatchObject({
      kind: 'broken',
      message: expect.stringMatching(/answered 302, a redirect/),
    });
    expect(received).toEqual([{ method: 'POST', body: '{"a":1}' }]);
  });

  it('a Retry-After past five minutes is left for the next run instead of held in this one', async () => {
    const url = await serve([{ status: 429, headers: { 'retry-after': '3600' } }]);
    await expect(poster(url).post({ a: 1 })).rejects.toMatchObject({
      kind: 'transient',
      message: expect.stringMatching(/asked to wait 3600 s/),
    });
    expect(received).toHaveLength(1);
  });

  it('5xx and 429 are retried, then delivered', async () => {
    const url = await serve([{ status: 500 }, { status: 429, headers: { 'retry-after': '1' } }]);
    const p = poster(url);
    await expect(p.post({ a: 1 })).resolves.toMatchObject({ status: 204 });
    expect(received).toHaveLength(3);
    expect(p.retries()).toBe(2);
  });
});
