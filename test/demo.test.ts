// `release-radar demo --out DIR`: the whole loop offline against the stand-ins, checked step by step, and its
// pages rendered in a headless Chromium-based browser (found by test/helpers/browser.ts): no page error, no
// horizontal overflow at 400 and 1,000 px, every link of the index resolves to a written page.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserPlan, launchBrowser } from './helpers/browser.js';
import { runBin, type ProcessResult } from './helpers/spawn.js';

const browser = browserPlan(process.env);
if (!browser.run && !browser.fail) console.warn(`SKIPPED demo pages in a browser: ${browser.why}`);
it.runIf(!browser.run && browser.fail)('demo pages: a browser is available in CI', () => {
  throw new Error(`demo page test cannot run: ${browser.run ? '' : browser.why}`);
});

describe('release-radar demo', () => {
  let out: string;
  let r: ProcessResult;
  beforeAll(async () => {
    out = join(mkdtempSync(join(tmpdir(), 'rr-demo-')), 'demo');
    // No token and no network: only what the demo starts on loopback.
    r = await runBin(['demo', '--out', out], {
      GITHUB_TOKEN: '',
      GITHUB_API_URL: '',
      SLACK_BOT_TOKEN: '',
      DATABASE_URL: '',
    });
  }, 90_000);

  it('runs every step and prints what happened', () => {
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const row = (title: string) => lines.find((l) => l.startsWith(title)) ?? '';
    // 1. the first poll announces the newest release of each repo only
    expect(row('First poll')).toMatch(/published pytorch v3\.0\.0, published tensorflow v3\.0\.0\s+\d+$/);
    // 2. the edit is an `edited` event
    expect(row('An edited release')).toMatch(/edited tensorflow v3\.0\.0\s+\d+$/);
    // 3. the candidate reaches nobody here; the final release does
    expect(row('A release candidate')).toMatch(/published pytorch v3\.1\.0-rc1\s+0$/);
    expect(row('The final release')).toMatch(/promoted pytorch v3\.1\.0\s+[1-9]\d*$/);
    // 4. and 5.
    expect(row('A slash-command query')).toContain('/releases pytorch distributed');
    expect(row('The weekly digest')).toContain('digest to ml-team@example.com');
    // The answer and the email count as what those steps sent (issue 25 point 5: not 0).
    expect(row('A slash-command query')).toMatch(/\s1$/);
    expect(row('The weekly digest')).toMatch(/\s1$/);
    expect(r.out).toMatch(/messages per destination: ml-infra [1-9]\d*, ml-packaging [1-9]\d*, mobile-team [1-9]\d*/);
    expect(r.out).toMatch(/items per category in the events: .*distributed \d+/);
    expect(r.out).toContain(`Open ${join(out, 'index.html')}`);
  });

  it('writes the index, a preview per destination, the query answer and the digest', () => {
    expect(
      readdirSync(out)
        .filter((f) => f.endsWith('.html'))
        .sort(),
    ).toEqual(['digest.html', 'index.html', 'ml-infra.html', 'ml-packaging.html', 'mobile-team.html', 'query.html']);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const href of [...index.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!))
      expect(existsSync(join(out, href)), href).toBe(true);
    // The index is HTML a person reads: no markdown left in it (the query card said "from `serve`").
    expect(index.replace(/<[^>]*>/g, '')).not.toContain('`');
    // Each destination saw only its categories: the mobile channel has the TFLite items, not the NCCL fix.
    const mobile = readFileSync(join(out, 'mobile-team.html'), 'utf8');
    expect(mobile).toContain('GPU delegate');
    expect(mobile).not.toContain('ProcessGroupNCCL');
    const infra = readFileSync(join(out, 'ml-infra.html'), 'utf8');
    expect(infra).toContain('ProcessGroupNCCL');
    // The edit: the reworded item and the added one reached the distributed channel.
    expect(infra).toContain('restarts only the failed workers');
    expect(readFileSync(join(out, 'query.html'), 'utf8')).toContain('pytorch/pytorch');
    expect(readFileSync(join(out, 'digest.html'), 'utf8')).toContain('tensorflow/tensorflow');
  });

  describe.skipIf(!browser.run)('in Chromium', () => {
    it('every page renders without errors or horizontal overflow at 400 and 1,000 px', async () => {
      const b = await launchBrowser(browser.run ? browser.path : '');
      try {
        for (const width of [400, 1000]) {
          const page = await b.newPage({ viewport: { width, height: 900 } });
          const errors: string[] = [];
          page.on('pageerror', (e) => errors.push(e.message));
          page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
          for (const file of readdirSync(out).filter((f) => f.endsWith('.html'))) {
            await page.goto(pathToFileURL(join(out, file)).href, { waitUntil: 'load' });
            const m = await page.evaluate(() => ({
              scroll: document.documentElement.scrollWidth,
              client: document.documentElement.clientWidth,
              text: document.body.innerText.length,
            }));
            expect(m.scroll, `${file} at ${width}px`).toBeLessThanOrEqual(m.client);
            expect(m.text, file).toBeGreaterThan(100);
            if (process.env.DEMO_SCREENSHOTS)
              await page.screenshot({
                path: join(process.env.DEMO_SCREENSHOTS, `${file}-${width}.png`),
                fullPage: true,
              });
          }
          expect(errors).toEqual([]);
          await page.close();
        }
      } finally {
        await b.close();
      }
    }, 60_000);
  });
});
