// The digest's HTML in a headless Chromium-based browser (driven by playwright-core): at 600 px the layout
// holds without horizontal scrolling. The browser is found by test/helpers/browser.ts; `.ci/run` finds or
// installs one. Without one the test says so (and fails in CI).
import { mkdtempSync, readFileSync } from 'node:fs';
import { templateRenderer } from '../src/platforms/registry.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserPlan, launchBrowser } from './helpers/browser.js';
import { runDigests } from '../src/digest/run-digest.js';
import { silentLogger } from '../src/log.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { config } from './helpers/deliver.js';
import { poll } from './helpers/poll.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

const browser = browserPlan(process.env);
const CHROMIUM = browser.run ? browser.path : '';
if (!browser.run && !browser.fail) console.warn(`SKIPPED digest layout test: ${browser.why}`);

// In CI a missing browser is a failure, not a silent skip.
it.runIf(!browser.run && browser.fail)('digest layout: a browser is available in CI', () => {
  throw new Error(`digest layout test cannot run: ${browser.run ? '' : browser.why}`);
});

describe.skipIf(!browser.run)('digest layout in Chromium', () => {
  let html = '';
  let ts: TestStore;
  let gh: FakeGitHub;
  beforeAll(async () => {
    gh = await new FakeGitHub().start();
    ts = await sqliteStore();
    const long = 'averyveryverylongidentifierwithoutanyspacesthatcouldbreakthelayout'.repeat(4);
    const items = Array.from(
      { length: 30 },
      (_, i) =>
        `Fixed \`${i % 5 === 0 ? long : 'ProcessGroupNCCL'}\` case ${i} in distributed training with a long explanation (#${7000 + i})`,
    );
    gh.publish('pytorch/pytorch', {
      tag_name: 'v2.9.0',
      body: [
        '# PyTorch 2.9.0',
        '# Improvements',
        '## Distributed',
        ...items.map((t) => `- ${t}`),
        '## Windows',
        '- Fixed a path bug on Windows (#8000)',
      ].join('\n'),
    });
    await poll(ts.store, gh, { repos: ['pytorch/pytorch'] });
    const dir = mkdtempSync(join(tmpdir(), 'rr-layout-'));
    await runDigests(
      {
        store: ts.store,
        config: config({ digests: [{ name: 'weekly', to: ['a@example.com'] }], email: { from: 'bot@example.com' } }),
        renderer: templateRenderer(),
        transport: null,
        logger: silentLogger,
      },
      { dryRun: false, previewDir: dir },
    );
    html = readFileSync(join(dir, 'weekly.html'), 'utf8');
  });
  afterAll(async () => {
    await ts?.cleanup();
    await gh?.close();
  });

  it('is 600 px wide at most and needs no horizontal scrolling', async () => {
    const browser = await launchBrowser(CHROMIUM);
    try {
      const page = await browser.newPage({ viewport: { width: 600, height: 900 } });
      await page.setContent(html, { waitUntil: 'load' });
      const m = await page.evaluate(() => {
        const inner = document.querySelector('table[width="600"]') as HTMLElement;
        return {
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          inner: inner.getBoundingClientRect().width,
          bars: document.querySelectorAll('td[style*="background:#4a6ee0"]').length,
        };
      });
      expect(m.scrollWidth).toBeLessThanOrEqual(m.clientWidth);
      expect(m.inner).toBeLessThanOrEqual(600);
      expect(m.bars).toBe(2); // distributed and windows
    } finally {
      await browser.close();
    }
  });
});
