// Signed webhooks end to end: a receiver written as any service would (src/fakes/webhook-receiver.ts verifies
// with the stock `standardwebhooks` library) gets each event once, as documented JSON, signed; retries keep
// the webhook-id; a wrong secret marks the destination broken without showing the secret.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeWebhookReceiver } from '../src/fakes/webhook-receiver.js';
import { runCli } from './helpers/cli.js';

const REPO = 'ml/trainer';
const NOTES = [
  '## Distributed',
  '- Fixed an NCCL timeout when a rank restarts (#11)',
  '- `ProcessGroupGloo` no longer accepts `timeout=None` (#12)',
  '## Mobile',
  '- Added an iOS Metal backend (#13)',
].join('\n');

interface Body {
  id: string;
  type: string;
  timestamp: string;
  data: {
    repo: string;
    release: { tag: string; url: string | null; prerelease: boolean };
    event: { id: string; type: string };
    categories: string[];
    items: { id: string; text: string; change: string; categories: string[]; refs: number[] }[];
    diff: Record<
      string,
      { added: string[]; removed: { text: string }[]; changed: { id: string; previous: { text: string } }[] }
    >;
  };
}

describe('signed webhook destinations', () => {
  let gh: FakeGitHub;
  let receiver: FakeWebhookReceiver;
  let dir: string;
  beforeEach(async () => {
    [gh, receiver] = await Promise.all([new FakeGitHub().start(), new FakeWebhookReceiver().start()]);
    dir = mkdtempSync(join(tmpdir(), 'rr-webhook-'));
  });
  afterEach(async () => {
    await Promise.all([gh.close(), receiver.close()]);
  });

  async function poll(secret = receiver.secret, subscription = 'categories: [distributed]') {
    writeFileSync(
      join(dir, 'c.yaml'),
      [
        `repos: [${REPO}]`,
        'destinations:',
        '  - { name: events, type: webhook, url: "${HOOK_URL}", secret: "${WEBHOOK_SECRET}" }',
        `subscriptions: [{ destination: events, ${subscription} }]`,
      ].join('\n'),
    );
    const env = { GITHUB_API_URL: gh.url, HOOK_URL: receiver.url, WEBHOOK_SECRET: secret, LOG_LEVEL: 'silent' };
    // --all: back-to-back runs check the repo each time (a scheduled poll would wait for poll.every).
    return runCli(['poll', '--all', '--config', join(dir, 'c.yaml'), '--db', join(dir, 'd.db'), '--format', 'json'], {
      env,
    });
  }

  it("POSTs the event once, signed, with the subscription's categories in the parse --format json item shape", async () => {
    gh.publish(REPO, { tag_name: 'v1.0.0', body: NOTES });
    const r = await poll();
    expect(r.code, r.err).toBe(0);
    expect(receiver.refused).toEqual([]);
    expect(receiver.messages).toHaveLength(1);
    const { id, body } = receiver.messages[0]! as unknown as { id: string; body: Body };
    expect(id).toBe(body.id);
    expect(body.type).toBe('release.published');
    expect(body.data.repo).toBe(REPO);
    expect(body.data.release).toMatchObject({ tag: 'v1.0.0', prerelease: false });
    expect(body.data.categories).toEqual(['distributed']);
    expect(body.data.items.map((i) => [i.text, i.change, i.categories, i.refs])).toEqual([
      ['Fixed an NCCL timeout when a rank restarts (#11)', 'fix', ['distributed'], [11]],
      ['ProcessGroupGloo no longer accepts timeout=None (#12)', 'breaking', ['distributed'], [12]],
    ]);
    expect(Object.keys(body.data.diff)).toEqual(['distributed']);
    // The diff names the items by id: each item is in the body once.
    expect(body.data.diff.distributed!.added).toEqual(body.data.items.map((i) => i.id));
    // Once: a second poll finds nothing new and sends nothing.
    expect((await poll()).code).toBe(0);
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('an edit sends the diff: what was added, removed and reworded, with how it read before', async () => {
    gh.publish(REPO, { tag_name: 'v1.0.0', body: NOTES });
    expect((await poll()).code).toBe(0);
    gh.publish(REPO, {
      tag_name: 'v1.0.0',
      body: NOTES.replace('when a rank restarts', 'when a rank restarts after a failure').replace(
        '- `ProcessGroupGloo` no longer accepts `timeout=None` (#12)\n',
        '',
      ),
    });
    expect((await poll()).code).toBe(0);
    const edit = receiver.messages[1]!.body as unknown as Body;
    expect(edit.type).toBe('release.edited');
    const changed = edit.data.diff.distributed!.changed[0]!;
    expect(changed.previous.text).toBe('Fixed an NCCL timeout when a rank restarts (#11)');
    // The reworded item is in `items`, as it reads now; the diff names it by id.
    expect(edit.data.items.find((i) => i.id === changed.id)?.text).toBe(
      'Fixed an NCCL timeout when a rank restarts after a failure (#11)',
    );
    expect(edit.data.diff.distributed!.removed.map((i) => i.text)).toEqual([
      'ProcessGroupGloo no longer accepts timeout=None (#12)',
    ]);
    expect(edit.id).not.toBe(receiver.messages[0]!.id);
  });

  it('a 500 and a 429 are retried with the same webhook-id; the receiver keeps one message', async () => {
    gh.publish(REPO, { tag_name: 'v1.0.0', body: NOTES });
    receiver.faults.push({ status: 500 }, { status: 429, retryAfter: 1 });
    const r = await poll();
    expect(r.code, r.err).toBe(0);
    expect(receiver.faults).toEqual([]);
    expect(receiver.attempts).toHaveLength(3);
    expect(new Set(receiver.attempts).size).toBe(1);
    expect(receiver.deliveries).toHaveLength(1);
    expect(receiver.messages).toHaveLength(1);
  });

  it('a receiver that refuses the signature marks the destination broken, and says the receiver answered 401', async () => {
    gh.publish(REPO, { tag_name: 'v1.0.0', body: NOTES });
    const wrong = `whsec_${Buffer.from('another secret, not the receiver one').toString('base64')}`;
    const r = await poll(wrong);
    expect(r.code).not.toBe(0);
    expect(receiver.refused.length).toBeGreaterThan(0);
    expect(r.out + r.err).toMatch(/webhook answered 401/);
  });

  it('a destination that failed does not go quiet: later runs say what waits, until --retry-failed sends it', async () => {
    gh.publish(REPO, { tag_name: 'v1.0.0', body: NOTES });
    const wrong = `whsec_${Buffer.from('another secret, not the receiver one').toString('base64')}`;
    expect((await poll(wrong)).code).not.toBe(0);
    const later = await poll(wrong);
    expect(later.err).toContain('1 failed message waits (events 1)');
    expect(later.err).toContain('release-radar poll --retry-failed');
    const retried = await runCli(
      ['poll', '--config', join(dir, 'c.yaml'), '--db', join(dir, 'd.db'), '--retry-failed'],
      { env: { GITHUB_API_URL: gh.url, HOOK_URL: receiver.url, WEBHOOK_SECRET: receiver.secret, LOG_LEVEL: 'silent' } },
    );
    expect(retried.code, retried.err).toBe(0);
    expect(retried.err).not.toContain('failed message');
    expect(receiver.messages).toHaveLength(1);
  });

  it('the preview shows the body and the headers it is signed with', async () => {
    gh.publish(REPO, { tag_name: 'v1.0.0', body: NOTES });
    const out = join(dir, 'preview');
    writeFileSync(
      join(dir, 'c.yaml'),
      [
        `repos: [${REPO}]`,
        'destinations: [{ name: events, type: webhook, url: "https://ops.example.com/hook", secret: "${WEBHOOK_SECRET}" }]',
        'subscriptions: [{ destination: events }]',
      ].join('\n'),
    );
    const r = await runCli(
      ['poll', '--config', join(dir, 'c.yaml'), '--db', join(dir, 'p.db'), '--dry-run', '--preview', out],
      { env: { GITHUB_API_URL: gh.url, LOG_LEVEL: 'silent' } },
    );
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(join(out, 'events.html'), 'utf8');
    for (const h of ['webhook-id: msg_', 'webhook-timestamp', 'webhook-signature: v1,']) expect(html).toContain(h);
    expect(html).toContain('&quot;type&quot;: &quot;release.published&quot;');
    expect(receiver.deliveries).toHaveLength(0);
  });

  it('a secret not in whsec_ form is a config error that says what to write', async () => {
    const r = await poll('hunter2hunter2');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/secret: expected a Standard Webhooks secret: whsec_/);
    expect(r.err).not.toContain('hunter2hunter2');
  });
});
