// With `site.base_url`, chat messages and digests link "full list" to the site's release page, at the
// category's anchor; without it, to the notes on GitHub as before.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { templateRenderer } from '../src/platforms/registry.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDigests } from '../src/digest/run-digest.js';
import { silentLogger } from '../src/log.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { runCli } from './helpers/cli.js';
import { config } from './helpers/deliver.js';
import { tfNotes, torchNotes } from '../src/fakes/notes.js';
import { poll } from './helpers/poll.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

const TF = 'tensorflow/tensorflow';
const PT = 'pytorch/pytorch';
const SITE = 'https://radar.example.com/ml/';

describe('"full list" links with site.base_url', () => {
  let gh: FakeGitHub;
  let dir: string;
  beforeEach(async () => {
    gh = await new FakeGitHub().start();
    dir = mkdtempSync(join(tmpdir(), 'rr-fulllist-'));
    gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
  });
  afterEach(async () => {
    await gh.close();
  });

  async function dryRunPayloads(site: string) {
    const yaml = [
      `repos: [${TF}]`,
      site,
      'destinations:',
      '  - { name: mobile-slack, type: slack, channel: C1, token: "${SLACK_BOT_TOKEN}" }',
      '  - { name: all-discord, type: discord, webhook_url: "${HOOK}" }',
      'subscriptions:',
      '  - { destination: mobile-slack, categories: [mobile] }',
      '  - { destination: all-discord }',
    ].join('\n');
    writeFileSync(join(dir, 'c.yaml'), yaml);
    const env = {
      GITHUB_API_URL: gh.url,
      SLACK_BOT_TOKEN: 'xoxb-test',
      HOOK: 'https://discord.com/api/webhooks/123/abc',
      LOG_LEVEL: 'silent',
    };
    const r = await runCli(
      ['poll', '--config', join(dir, 'c.yaml'), '--db', join(dir, 'd.db'), '--dry-run', '--format', 'json'],
      { env },
    );
    expect(r.err).toBe('');
    const out = JSON.parse(r.out) as { deliveries: { destination: string; payloads: Record<string, unknown>[] }[] };
    const last = (name: string) => JSON.stringify(out.deliveries.find((d) => d.destination === name)!.payloads.at(-1));
    return { slack: last('mobile-slack'), discord: last('all-discord') };
  }

  it('chat messages link to the release page, at the anchor of the one category shown', async () => {
    const { slack, discord } = await dryRunPayloads('site: { base_url: "https://radar.example.com/ml" }');
    expect(slack).toContain(`<${SITE}releases/tensorflow/tensorflow/v2.20.0.html#mobile|Full list>`);
    expect(slack).not.toContain('Full release notes');
    // Several categories in the message: the page itself.
    expect(discord).toContain(`[Full list](<${SITE}releases/tensorflow/tensorflow/v2.20.0.html>)`);
  });

  it('without a site, messages link to the notes on GitHub', async () => {
    const { slack, discord } = await dryRunPayloads('');
    expect(slack).toContain(
      '<https://github.com/tensorflow/tensorflow/releases/tag/v2.20.0|Full release notes on GitHub>',
    );
    expect(discord).toContain(
      '[Full release notes on GitHub](<https://github.com/tensorflow/tensorflow/releases/tag/v2.20.0>)',
    );
    expect(slack + discord).not.toContain('radar.example.com');
  });
});

describe('"full list" links in digests', () => {
  let gh: FakeGitHub;
  let ts: TestStore;
  beforeEach(async () => {
    gh = await new FakeGitHub().start();
    ts = await sqliteStore();
    const many = Array.from(
      { length: 300 },
      (_, i) => `Fixed NCCL timeout case ${i} with a fairly long description of what went wrong and how (#${5000 + i})`,
    );
    gh.publish(PT, { tag_name: 'v2.11.0', body: torchNotes('2.11.0', many) });
    await poll(ts.store, gh, { repos: [PT] });
  });
  afterEach(async () => {
    await ts.cleanup();
    await gh.close();
  });

  async function preview(site: Record<string, unknown>) {
    const dir = mkdtempSync(join(tmpdir(), 'rr-digest-site-'));
    const cfg = config({
      repos: [PT],
      ...site,
      digests: [{ name: 'big', to: ['b@example.com'], categories: ['distributed'] }],
      email: { from: 'bot@example.com', max_bytes: 30_000 },
    });
    await runDigests(
      { store: ts.store, config: cfg, renderer: templateRenderer(), transport: null, logger: silentLogger },
      { dryRun: false, previewDir: dir },
    );
    return { html: readFileSync(join(dir, 'big.html'), 'utf8'), text: readFileSync(join(dir, 'big.txt'), 'utf8') };
  }

  it('a shortened category links to the release page at its anchor', async () => {
    const { html, text } = await preview({ site: { base_url: 'https://radar.example.com/ml' } });
    expect(html).toMatch(
      new RegExp(
        `…and \\d+ more: <a href="${SITE}releases/pytorch/pytorch/v2.11.0.html#distributed"[^>]*>v2.11.0 full list</a>`,
      ),
    );
    expect(text).toMatch(
      new RegExp(`\\.\\.\\.and \\d+ more: ${SITE}releases/pytorch/pytorch/v2.11.0.html#distributed`),
    );
  });

  it('without a site, to the notes on GitHub', async () => {
    const { html } = await preview({});
    expect(html).toMatch(/…and \d+ more: <a href="https:\/\/github.com\/pytorch\/pytorch\/releases\/tag\/v2.11.0"/);
  });
});
