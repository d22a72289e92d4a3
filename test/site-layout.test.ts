// The site in a headless Chromium-based browser (driven by playwright-core, found as the digest layout test
// finds it): every page fits 400 px and 1,200 px without horizontal scrolling, and the index's chart draws
// one bar group per release. `.ci/run` finds or installs a browser; without one this says why (fails in CI).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserPlan, launchBrowser } from './helpers/browser.js';
import { listFiles, siteFixture, type SiteFixture } from './helpers/site.js';

const browserFound = browserPlan(process.env);
const CHROMIUM = browserFound.run ? browserFound.path : '';
if (!browserFound.run && !browserFound.fail) console.warn(`SKIPPED site layout test: ${browserFound.why}`);

// In CI a missing browser is a failure, not a silent skip.
it.runIf(!browserFound.run && browserFound.fail)('site layout: a browser is available in CI', () => {
  throw new Error(`site layout test cannot run: ${browserFound.run ? '' : browserFound.why}`);
});

describe.skipIf(!browserFound.run)('site layout in Chromium', () => {
  let fx: SiteFixture;
  let out: string;
  let pages: string[];
  beforeAll(async () => {
    fx = await siteFixture();
    out = join(mkdtempSync(join(tmpdir(), 'rr-site-layout-')), 'site');
    expect((await fx.build(out)).code).toBe(0);
    pages = listFiles(out).filter((f) => f.endsWith('.html'));
  });
  afterAll(async () => {
    await fx?.cleanup();
  });

  async function withBrowser(fn: (browser: Browser) => Promise<void>) {
    const browser = await launchBrowser(CHROMIUM);
    try {
      await fn(browser);
    } finally {
      await browser.close();
    }
  }

  it('every page fits 400 px and 1,200 px without horizontal scrolling', { timeout: 120_000 }, async () => {
    expect(pages.length).toBeGreaterThan(60);
    await withBrowser(async (browser) => {
      for (const width of [400, 1200]) {
        const page = await browser.newPage({ viewport: { width, height: 800 }, javaScriptEnabled: false });
        const overflowing: string[] = [];
        for (const p of pages) {
          await page.goto(pathToFileURL(join(out, p)).href, { waitUntil: 'load' });
          const m = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            client: document.documentElement.clientWidth,
            styled: getComputedStyle(document.querySelector('main')!).maxWidth,
          }));
          if (m.scroll > m.client) overflowing.push(`${p} at ${width}px: ${m.scroll} > ${m.client}`);
          expect(m.styled, `${p}: the stylesheet is loaded`).toBe('960px'); // 60rem: style.css applies
        }
        expect(overflowing).toEqual([]);
        await page.close();
      }
    });
  });

  it('the index chart draws one bar group per release, the wide one on a desktop and the narrow one on a phone', async () => {
    await withBrowser(async (browser) => {
      for (const [width, expected] of [
        [1200, [2, 12]],
        [400, [2, 6]],
      ] as const) {
        const page = await browser.newPage({ viewport: { width, height: 800 }, javaScriptEnabled: false });
        await page.goto(pathToFileURL(join(out, 'index.html')).href, { waitUntil: 'load' });
        const charts = await page.evaluate(() =>
          [...document.querySelectorAll('svg.chart')]
            .filter((svg) => svg.getBoundingClientRect().width > 0)
            .map((svg) => ({
              width: svg.getBoundingClientRect().width,
              releases: Number(svg.getAttribute('data-releases')),
              drawn: [...svg.querySelectorAll('g.release')].filter(
                (g) => g.getBoundingClientRect().width > 0 && g.querySelector('rect.bar'),
              ).length,
              axes: [...svg.querySelectorAll('text.label')].map((t) => t.textContent),
            })),
        );
        expect(
          charts.map((c) => c.drawn),
          `at ${width}px`,
        ).toEqual(expected);
        expect(charts.map((c) => c.releases)).toEqual(expected);
        for (const c of charts) {
          expect(c.width).toBeLessThanOrEqual(width);
          expect(c.axes).toEqual(['items per category', 'release (oldest to newest)']);
        }
        await page.close();
      }
    });
  });
});
