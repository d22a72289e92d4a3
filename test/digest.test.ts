// Digest emails through a real SMTP server on loopback, parsed as they arrive.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { templateRenderer } from '../src/platforms/registry.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSmtpTransport } from '../src/cli/context.js';
import { type TemplateRenderer } from '../src/render/templates.js';
import { runDigests, type DigestRunOptions } from '../src/digest/run-digest.js';
import { silentLogger } from '../src/log.js';
import { BUILTIN_TEMPLATES_DIR } from '../src/paths.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSmtp } from '../src/fakes/smtp.js';
import { config } from './helpers/deliver.js';
import { tfNotes, torchNotes } from '../src/fakes/notes.js';
import { poll } from './helpers/poll.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

const PT = 'pytorch/pytorch';
const TF = 'tensorflow/tensorflow';

describe('digest', () => {
  let gh: FakeGitHub;
  let smtp: FakeSmtp;
  let ts: TestStore;
  beforeEach(async () => {
    [gh, smtp] = await Promise.all([new FakeGitHub().start(), new FakeSmtp().start()]);
    ts = await sqliteStore();
    gh.publish(PT, {
      tag_name: 'v2.9.0',
      body: [
        '# PyTorch 2.9.0 Release Notes',
        '# Backwards Incompatible Changes',
        '## Distributed',
        '- Removed the `<script>alert(1)</script>` & deprecated `init_method` (#2001)',
        '# Improvements',
        '## Distributed',
        '- Fixed a hang in `ProcessGroupNCCL` abort (#1001)',
        '## Quantization',
        '- Added int4 weight-only quantization for `Linear` (#1005)',
        '## Releng',
        '- Added CUDA 13.0 wheels (#1002)',
      ].join('\n'),
    });
    gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
    await poll(ts.store, gh, { repos: [PT, TF] });
  });
  afterEach(async () => {
    await ts.cleanup();
    await Promise.all([gh.close(), smtp.close()]);
  });

  const cfg = (digests: unknown[], email: Record<string, unknown> = {}) =>
    config({
      repos: [PT, TF],
      digests,
      email: {
        from: 'release-radar <bot@example.com>',
        unsubscribe_url: 'https://radar.example.com/unsubscribe',
        ...email,
      },
    });

  async function run(c: ReturnType<typeof cfg>, opts: Partial<DigestRunOptions> = {}) {
    const transport = await createSmtpTransport(smtp.url);
    try {
      return await runDigests(
        { store: ts.store, config: c, renderer: templateRenderer(), transport, logger: silentLogger },
        { dryRun: false, ...opts },
      );
    } finally {
      transport.close();
    }
  }

  it('sends HTML and text grouped by release then category, breaking first, with unsubscribe headers', async () => {
    const [r] = await run(
      cfg([{ name: 'weekly-ml', to: ['ml-team@example.com'], categories: ['distributed', 'quantization'] }]),
    );
    expect(r).toMatchObject({ status: 'sent', items: 5 });
    expect(smtp.received).toHaveLength(1);
    const { mail, envelopeTo } = smtp.received[0]!;
    expect(envelopeTo).toEqual(['ml-team@example.com']);
    expect(mail.subject).toMatch(
      /^weekly-ml: 5 release-note changes in distributed, quantization \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)$/,
    );
    expect(mail.from?.value[0]).toMatchObject({ name: 'release-radar', address: 'bot@example.com' });
    const header = (k: string) => mail.headerLines.find((h) => h.key === k)?.line.replace(/\r?\n\s+/g, ' ');
    expect(header('list-unsubscribe')).toBe(
      'List-Unsubscribe: <mailto:bot@example.com?subject=unsubscribe%20weekly-ml>, <https://radar.example.com/unsubscribe?digest=weekly-ml>',
    );
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    const html = String(mail.html);
    // Release, then its categories in order, then kinds of change; TensorFlow's distributed item under TensorFlow.
    const order = [
      'pytorch/pytorch',
      'distributed (2)',
      '<p style="margin:6px 0 2px 0;font-size:13px;font-weight:bold;color:#cf222e;">Breaking changes</p>',
      'Removed the',
      'Bug fixes',
      'Fixed a hang',
      'quantization (1)',
      'tensorflow/tensorflow',
      'distributed (1)',
    ].map((s) => html.indexOf(s));
    expect(order.every((p, i) => p > 0 && (i === 0 || p > order[i - 1]!))).toBe(true);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; deprecated');
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="https://github.com/pytorch/pytorch/pull/1001"');
    expect(html).not.toContain('CUDA 13.0 wheels'); // packaging is not in this digest
    expect(html).toMatch(/<table role="presentation" width="100%"[^>]*><tr><td style="background:#4a6ee0/); // the count chart
    const text = mail.text!;
    expect(text).toContain('== pytorch/pytorch (v2.9.0 published)');
    expect(text).toContain(
      [
        '-- distributed (2): 1 breaking · 1 fixed',
        'Breaking changes:',
        '* Removed the <script>alert(1)</script> & deprecated init_method https://github.com/pytorch/pytorch/pull/2001',
        'Bug fixes:',
        '* Fixed a hang in ProcessGroupNCCL abort https://github.com/pytorch/pytorch/pull/1001',
      ].join('\n'),
    );
    expect(text).toContain('-- quantization (1)');
  });

  it('an item in two categories is listed once, under the first, tagged with the other (issue 10 point 5)', async () => {
    gh.publish(TF, {
      tag_name: 'v2.21.0',
      body: tfNotes('2.21.0', ['*   `tf.lite`:', '    *   Added int8 quantization of `tf.lite` GRU kernels.']),
    });
    await poll(ts.store, gh, { repos: [TF] });
    await run(cfg([{ name: 'mobile', to: ['m@example.com'], categories: ['mobile', 'quantization'], repos: [TF] }]));
    const { mail } = smtp.received[0]!;
    expect(mail.text!.match(/Added int8 quantization of tf\.lite GRU kernels\./g)).toHaveLength(1);
    expect(mail.text).toContain('-- mobile (');
    expect(mail.text).not.toContain('-- quantization'); // its only item is listed under mobile
    expect(mail.text).toContain('Added int8 quantization of tf.lite GRU kernels. (also quantization)');
    expect(String(mail.html).match(/Added int8 quantization of/g)).toHaveLength(1);
  });

  it('a rerun of the same window sends nothing twice, even with --since', async () => {
    const c = cfg([{ name: 'weekly-ml', to: ['ml-team@example.com'] }]);
    expect((await run(c))[0]!.status).toBe('sent');
    expect((await run(c))[0]!.status).toBe('empty');
    expect((await run(c, { since: '7d' }))[0]!.status).toBe('empty');
    expect(smtp.received).toHaveLength(1);
    // A new release afterwards goes into the next digest, alone.
    gh.publish(PT, { tag_name: 'v2.10.0', body: torchNotes('2.10.0', ['Added FSDP2 prefetch (#3001)']) });
    await poll(ts.store, gh, { repos: [PT] });
    expect((await run(c))[0]).toMatchObject({ status: 'sent', events: 1 });
    expect(String(smtp.received[1]!.mail.html)).toContain('Added FSDP2 prefetch');
    expect(String(smtp.received[1]!.mail.html)).not.toContain('v2.9.0');
  });

  it('a recipient list the server rejects does not stop the others and is retried next run', async () => {
    smtp.reject.add('mobile@example.com');
    const c = cfg([
      { name: 'mobile', to: ['mobile@example.com'], categories: ['mobile'] },
      { name: 'infra', to: ['infra@example.com'], repos: [PT] },
    ]);
    const first = await run(c);
    expect(first.map((r) => [r.name, r.status])).toEqual([
      ['mobile', 'failed'],
      ['infra', 'sent'],
    ]);
    expect(first[0]!.error).toMatch(/mailbox unavailable|rejected/i);
    expect((await ts.store.digests.list('mobile'))[0]).toMatchObject({ status: 'failed' });
    smtp.reject.clear();
    const second = await run(c);
    expect(second.map((r) => [r.name, r.status])).toEqual([
      ['mobile', 'sent'],
      ['infra', 'empty'],
    ]);
    expect(smtp.received.map((m) => m.envelopeTo[0])).toEqual(['infra@example.com', 'mobile@example.com']);
    expect(String(smtp.received[1]!.mail.html)).toContain('TFLite converter');
  });

  it('an empty window sends nothing unless send_empty', async () => {
    const c = cfg([
      { name: 'win', to: ['w@example.com'], categories: ['windows'], repos: [PT] },
      { name: 'win-always', to: ['w2@example.com'], categories: ['windows'], repos: [PT], send_empty: true },
    ]);
    const r = await run(c);
    expect(r.map((x) => [x.name, x.status])).toEqual([
      ['win', 'empty'],
      ['win-always', 'sent'],
    ]);
    expect(smtp.received[0]!.mail.subject).toContain('no release-note changes');
    expect(String(smtp.received[0]!.mail.html)).toContain("No changes in this digest's categories this time.");
  });

  it('--dry-run sends and records nothing; --preview writes .html and .txt', async () => {
    const c = cfg([{ name: 'weekly-ml', to: ['ml-team@example.com'] }]);
    const dry = await run(c, { dryRun: true });
    // PyTorch 4 + TensorFlow 3: an item in two categories is listed once, under the first (issue 10 point 5).
    expect(dry[0]).toMatchObject({ status: 'dry-run', items: 7 });
    const dir = mkdtempSync(join(tmpdir(), 'rr-preview-'));
    const prev = await run(c, { previewDir: dir });
    expect(prev[0]!.preview).toEqual([join(dir, 'weekly-ml.html'), join(dir, 'weekly-ml.txt')]);
    expect(readFileSync(join(dir, 'weekly-ml.html'), 'utf8')).toContain('<table role="presentation" width="600"');
    expect(existsSync(join(dir, 'weekly-ml.txt'))).toBe(true);
    expect(smtp.received).toEqual([]);
    expect(await ts.store.digests.list()).toEqual([]);
  });

  it('stays under the size limit by showing the highlights of large releases, and links to the rest', async () => {
    const many = Array.from(
      { length: 400 },
      (_, i) => `Fixed NCCL timeout case ${i} with a fairly long description of what went wrong and how (#${5000 + i})`,
    );
    gh.publish(PT, { tag_name: 'v2.11.0', body: torchNotes('2.11.0', many) });
    await poll(ts.store, gh, { repos: [PT] });
    const [r] = await run(
      cfg([{ name: 'big', to: ['b@example.com'], categories: ['distributed'] }], { max_bytes: 50_000 }),
    );
    expect(r!.status).toBe('sent');
    expect(r!.limitedTo).not.toBeNull();
    const html = String(smtp.received[0]!.mail.html);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(50_000);
    expect(html).toMatch(/…and \d+ more: .*<a href="https:\/\/github.com\/pytorch\/pytorch\/releases\/tag\/v2.11.0"/);
    // Only the large release is shortened: v2.9.0 keeps every item, by kind of change.
    const text = smtp.received[0]!.mail.text!;
    const small = text.slice(text.indexOf('== pytorch/pytorch (v2.9.0'), text.indexOf('== pytorch/pytorch (v2.11.0'));
    expect(small).toContain('Breaking changes:\n* Removed the');
    expect(small).toContain('Bug fixes:\n* Fixed a hang in ProcessGroupNCCL abort');
    expect(small).not.toContain('more:');
  });

  it('a digest template of your own written for the earlier model is a clear error; a copy of ours works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-digest-templates-'));
    mkdirSync(join(dir, 'email'));
    const c = cfg([{ name: 'weekly-ml', to: ['ml-team@example.com'] }]);
    const render = (renderer: TemplateRenderer) =>
      runDigests(
        { store: ts.store, config: c, renderer, transport: null, logger: silentLogger },
        { dryRun: false, previewDir: join(dir, 'preview') },
      );
    writeFileSync(
      join(dir, 'email', 'digest.html.liquid'),
      '{% for r in digest.repos %}<h2>{{ r.repo }}</h2>{% for c in r.categories %}{{ c.name }}{% endfor %}{% endfor %}',
    );
    await expect(render(templateRenderer(dir))).rejects.toThrow(
      /template .*email\/digest\.html\.liquid: written for the earlier digest model \(digest\.repos\): the digest now lists digest\.releases/,
    );
    writeFileSync(
      join(dir, 'email', 'digest.html.liquid'),
      readFileSync(join(BUILTIN_TEMPLATES_DIR, 'email', 'digest.html.liquid'), 'utf8').replace(
        '<h1',
        '<h1 class="mine"',
      ),
    );
    const [r] = await render(templateRenderer(dir));
    expect(r).toMatchObject({ status: 'dry-run', items: 7 });
    expect(readFileSync(join(dir, 'preview', 'weekly-ml.html'), 'utf8')).toContain('<h1 class="mine"');
  });
});

describe('release-radar digest (CLI)', () => {
  it('sends through SMTP_URL, reports per digest, and exits 2 on a bad --since', async () => {
    const { runCli } = await import('./helpers/cli.js');
    const { writeFileSync } = await import('node:fs');
    const gh = await new FakeGitHub().start();
    const smtp = await new FakeSmtp().start();
    try {
      gh.publish('pytorch/pytorch', { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
      const dir = mkdtempSync(join(tmpdir(), 'rr-digest-cli-'));
      const cfgFile = join(dir, 'release-radar.yaml');
      writeFileSync(
        cfgFile,
        [
          'repos: [pytorch/pytorch]',
          'digests:',
          '  - { name: weekly-ml, to: [ml-team@example.com], categories: [distributed] }',
          'email:',
          '  from: "release-radar <bot@example.com>"',
          '  smtp_url: ${SMTP_URL}',
        ].join('\n'),
      );
      const env = { GITHUB_API_URL: gh.url, SMTP_URL: smtp.url, LOG_LEVEL: 'silent' };
      const db = join(dir, 's.db');
      expect((await runCli(['poll', '--config', cfgFile, '--db', db], { env })).code).toBe(0);
      const r = await runCli(['digest', '--config', cfgFile, '--db', db], { env });
      expect(r.code).toBe(0);
      expect(r.out).toContain('digest weekly-ml -> ml-team@example.com: sent; 1 event, 1 item,');
      expect(smtp.received).toHaveLength(1);
      const again = await runCli(['digest', '--config', cfgFile, '--db', db], { env });
      expect(again.out).toContain('nothing to send');
      const bad = await runCli(['digest', '--config', cfgFile, '--db', db, '--since', 'last tuesday'], { env });
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('invalid --since "last tuesday"');
    } finally {
      await Promise.all([gh.close(), smtp.close()]);
    }
  });
});
