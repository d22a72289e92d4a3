// Without a network (or with a wrong GITHUB_API_URL) a poll fails at once, says so in one line, and
// prints nothing that reads like success. DNS, refused connections and certificate errors are not retried.
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// smtp-server ships a self-signed (and expired) certificate: a TLS server that no client trusts.
import getTLSOptions from 'smtp-server/lib/tls-options.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { runCli } from './helpers/cli.js';
import { poll } from './helpers/poll.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

describe('offline start', () => {
  let ts: TestStore;
  beforeEach(async () => {
    ts = await sqliteStore();
  });
  afterEach(() => ts.cleanup());

  it('a refused connection is not retried', async () => {
    const gone = await new FakeGitHub().start();
    await gone.close();
    const r = await poll(ts.store, gone, { retries: 3 });
    expect(r.requests).toBe(1);
    expect(r.failures[0]!.message).toMatch(/cannot reach GitHub at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect(r.failures[0]!.message).not.toMatch(/after retries/);
  });

  it('a DNS failure is not retried', async () => {
    const r = await poll(ts.store, { url: 'http://api.github.invalid' } as FakeGitHub, { retries: 3 });
    expect(r.requests).toBe(1);
    expect(r.failures[0]!.message).toMatch(
      /cannot reach GitHub at http:\/\/api\.github\.invalid \((ENOTFOUND|EAI_AGAIN)\)/,
    );
  });

  it('a port fetch refuses ("bad port", such as 9) is not retried and says so', async () => {
    const r = await poll(ts.store, { url: 'http://127.0.0.1:9' } as FakeGitHub, { retries: 3 });
    expect(r.requests).toBe(1);
    expect(r.failures[0]!.message).toMatch(
      /cannot reach GitHub at http:\/\/127\.0\.0\.1:9 \(bad port\): fetch never connects to port 9; check GITHUB_API_URL/,
    );
  });

  it('a certificate error is not retried', async () => {
    const server = createServer(getTLSOptions({}), (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const r = await poll(ts.store, { url } as FakeGitHub, { retries: 3 });
      expect(r.requests).toBe(1);
      expect(r.failures[0]!.message).toMatch(/certificate/i);
    } finally {
      server.close();
    }
  });

  it('poll prints one clear line and no success-looking summary, exit 1', async () => {
    const gone = await new FakeGitHub().start();
    await gone.close();
    const r = await runCli(['poll', '--dry-run'], { env: { GITHUB_API_URL: gone.url, LOG_LEVEL: 'silent' } });
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^release-radar: cannot reach GitHub at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\).*GITHUB_API_URL/,
    );
    expect(r.err).not.toMatch(/change event/);
    // Where to go without network: the demo, which runs from a clone (the installed command has no fakes).
    expect(r.err).toContain('`npm run demo` in a clone of its repository');
  });

  it('a summary with a repo that failed does not read like success', async () => {
    const gh = await new FakeGitHub().start();
    try {
      gh.repos.set('pytorch/pytorch', []);
      const r = await runCli(['poll', '--dry-run', '--repo', 'pytorch/pytorch', '--repo', 'nobody/nothing'], {
        env: { GITHUB_API_URL: gh.url, LOG_LEVEL: 'silent' },
      });
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/^0 change events from 1 of 2 repos \(1 could not be read\)/);
    } finally {
      await gh.close();
    }
  });
});
