// Secrets never reach stderr, the outbox's last_error or the job summary, even when a server echoes them.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../src/domain/redact.js';
import { learnSecretShapes } from '../src/platforms/registry.js';
import { Store } from '../src/store/store.js';
import { http, HttpResponse } from 'msw';
import { serveHandlers } from '../src/fakes/http.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { runCli } from './helpers/cli.js';
import { tfNotes } from '../src/fakes/notes.js';

const TF = 'tensorflow/tensorflow';

describe('redact', () => {
  it('hides registered values and secret-shaped strings', () => {
    const r = learnSecretShapes(new Redactor()).add(['s3cr3t-value-registered']);
    const redact = (s: string) => r.redact(s);
    expect(redact('got s3cr3t-value-registered back')).toBe('got [secret] back');
    expect(redact('token xoxb-123-456-abcdef in text')).toBe('token xox-[secret] in text');
    expect(redact('POST https://hooks.slack.com/services/T01ABC/B02DEF/aBcDeFgHiJkL failed')).toBe(
      'POST https://hooks.slack.com/services/[secret] failed',
    );
    expect(redact('https://discord.com/api/webhooks/123/abcdefghijklmnopqrstuvwxyz_-12')).toBe(
      'https://discord.com/api/webhooks/123/[secret]',
    );
    expect(redact('connect postgres://rr:hunter2pass@db:5432/x')).toBe('connect postgres://rr:[secret]@db:5432/x');
    expect(redact('Authorization: Bearer ghp_abcdefghijklmnop')).toBe('Authorization: Bearer [secret]');
    expect(redact('nothing secret here: v2.9.0 #1234')).toBe('nothing secret here: v2.9.0 #1234');
  });

  it('a Slack webhook server that echoes the path: no secret on stderr, in last_error or in the job summary', async () => {
    const secret = 'EchoedWebhookSecret0123456789';
    const echo = await serveHandlers([
      // A misbehaving server (or proxy) quoting the request path, i.e. the webhook's secret, in its error.
      http.all('*', ({ request }) => {
        const url = new URL(request.url);
        return new HttpResponse(`invalid_payload for ${url.pathname}${url.search}`, {
          status: 400,
          headers: { 'content-type': 'text/plain' },
        });
      }),
    ]);
    const gh = await new FakeGitHub().start();
    try {
      gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
      const dir = mkdtempSync(join(tmpdir(), 'rr-redact-'));
      const cfg = join(dir, 'rr.yaml');
      writeFileSync(
        cfg,
        [
          `repos: [${TF}]`,
          'destinations:',
          '  - { name: hook, type: slack-webhook, webhook_url: "${SLACK_WEBHOOK_URL}" }',
          'subscriptions:',
          '  - { destination: hook }',
        ].join('\n'),
      );
      const summary = join(dir, 'summary.md');
      const db = join(dir, 'state.db');
      const r = await runCli(['poll', '--config', cfg, '--db', db], {
        env: {
          GITHUB_API_URL: gh.url,
          SLACK_API_URL: `${echo.url}/api/`,
          SLACK_WEBHOOK_URL: `https://hooks.slack.com/services/T0000000/B0000000/${secret}`,
          GITHUB_STEP_SUMMARY: summary,
          LOG_LEVEL: 'info',
        },
      });
      expect(r.code).toBe(1);
      expect(r.err).toContain('Slack webhook answered 400');
      const store = await Store.open({ sqlitePath: db });
      const rows = await store.outbox.list();
      await store.close();
      expect(rows[0]!.lastError).toContain('Slack webhook answered 400');
      for (const where of [r.err, r.out, readFileSync(summary, 'utf8'), rows[0]!.lastError ?? '']) {
        expect(where).not.toContain(secret);
        expect(where).not.toContain(secret.slice(0, 24));
      }
    } finally {
      await Promise.all([echo.close(), gh.close()]);
    }
  });
});
