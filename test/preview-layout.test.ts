// `poll --dry-run --preview DIR` and `query --preview DIR`: one HTML page per destination showing each message
// as the platform would, checked in a headless Chromium-based browser (playwright-core; found by
// test/helpers/browser.ts as the digest layout test does): every message is there, nothing overflows at 400
// and 1,000 px, links go to GitHub. Without a browser the test says so (and fails in CI).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordMessageHtml } from '../src/platforms/discord/preview.js';
import { mrkdwnToHtml } from '../src/platforms/slack/preview.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { browserPlan, launchBrowser } from './helpers/browser.js';
import { bigTorchNotes } from '../src/fakes/big-release.js';
import { runCli } from './helpers/cli.js';

const browser = browserPlan(process.env);
const CHROMIUM = browser.run ? browser.path : '';
const haveChromium = browser.run;
if (!browser.run && !browser.fail) console.warn(`SKIPPED preview layout test: ${browser.why}`);

// In CI a missing browser is a failure, not a silent skip.
it.runIf(!browser.run && browser.fail)('preview layout: a browser is available in CI', () => {
  throw new Error(`preview layout test cannot run: ${browser.run ? '' : browser.why}`);
});
const PT = 'pytorch/pytorch';

describe('previews', () => {
  let gh: FakeGitHub;
  let dir: string;
  let out: string;
  let deliveries: { destination: string; payloads: unknown[] }[] = [];
  beforeAll(async () => {
    gh = await new FakeGitHub().start();
    dir = mkdtempSync(join(tmpdir(), 'rr-preview-'));
    out = join(dir, 'out');
    // A large release, and release text that tries to inject HTML and mentions.
    const body = `${bigTorchNotes('2.10.0')}\n# Bug fixes\n## Distributed\n- Fixed <script>alert(1)</script> & <img src=x onerror=alert(2)> in \`c10d\` for @everyone <!channel> [a link](javascript:alert(3)) (#999999)`;
    gh.publish(PT, { tag_name: 'v2.10.0', body });
    writeFileSync(
      join(dir, 'release-radar.yaml'),
      [
        `repos: [${PT}]`,
        'destinations:',
        '  - { name: ml-infra, type: slack, channel: C1, token: "xoxb-test" }',
        '  - { name: hook, type: slack-webhook, webhook_url: "https://hooks.slack.com/services/T0/B0/abc" }',
        '  - { name: dist-discord, type: discord, webhook_url: "https://discord.com/api/webhooks/1/tok" }',
        '  - { name: forum, type: discord, webhook_url: "https://discord.com/api/webhooks/2/tok", forum: true }',
        'subscriptions:',
        '  - { destination: ml-infra }',
        '  - { destination: hook, categories: [distributed] }',
        '  - { destination: dist-discord }',
        '  - { destination: forum, categories: [distributed], detail: summary }',
      ].join('\n'),
    );
    const r = await runCli(
      [
        'poll',
        '--config',
        join(dir, 'release-radar.yaml'),
        '--db',
        join(dir, 'd.db'),
        '--dry-run',
        '--format',
        'json',
        '--preview',
        out,
      ],
      {
        env: { GITHUB_API_URL: gh.url, LOG_LEVEL: 'silent' },
      },
    );
    expect(r.code).toBe(0);
    deliveries = JSON.parse(r.out).deliveries;
  });
  afterAll(async () => {
    await gh?.close();
  });

  it('writes one page per destination, every message on it, release text escaped', () => {
    expect(readdirSync(out).sort()).toEqual(['dist-discord.html', 'forum.html', 'hook.html', 'ml-infra.html']);
    for (const d of deliveries) {
      const html = readFileSync(join(out, `${d.destination}.html`), 'utf8');
      expect(html.match(/<div class="msg /g)?.length, d.destination).toBe(d.payloads.length);
      expect(html).not.toMatch(/<script|<img|href="javascript:/i); // the release's HTML is shown as text
      expect(html).not.toMatch(/<link|@import|url\(/); // no external assets
    }
    expect(readFileSync(join(out, 'ml-infra.html'), 'utf8')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(readFileSync(join(out, 'ml-infra.html'), 'utf8')).toMatch(/replies in the thread/);
    expect(readFileSync(join(out, 'hook.html'), 'utf8')).not.toMatch(/in the thread<\/div>/); // a webhook cannot thread
  });

  it('query --preview writes the chat answers', async () => {
    const q = join(dir, 'q');
    const r = await runCli(
      [
        'query',
        PT,
        'distributed',
        '--config',
        join(dir, 'release-radar.yaml'),
        '--db',
        join(dir, 'q.db'),
        '--preview',
        q,
      ],
      {
        env: { GITHUB_API_URL: gh.url, LOG_LEVEL: 'silent' },
      },
    );
    expect(r.code).toBe(0);
    expect(readdirSync(q).sort()).toEqual(['query-discord.html', 'query-slack.html']);
    const page = readFileSync(join(q, 'query-slack.html'), 'utf8');
    expect(page.match(/<strong>distributed<\/strong>[^<]*/)?.[0]).toBe(
      '<strong>distributed</strong>: 2 breaking · 2 deprecated · 30 new · 30 improved · 31 fixed · 30 faster · 30 documented',
    );
  });

  it('mrkdwn and Discord markdown become HTML with everything escaped', () => {
    expect(mrkdwnToHtml('*<https://github.com/a/b|a/b v1>* · _new_ `x<y` &lt;!channel&gt; ~gone~')).toBe(
      '<strong><a href="https://github.com/a/b">a/b v1</a></strong> · <em>new</em> <code>x&lt;y</code> &lt;!channel&gt; <del>gone</del>',
    );
    expect(mrkdwnToHtml('<javascript:alert(1)|click>')).toBe('click');
    const d = discordMessageHtml({
      content: '**bold** \\*not\\* [t](<https://github.com/x>) <b>',
      embeds: [
        {
          title: 'T<',
          url: 'https://github.com/y',
          description: '- item `a<b`',
          color: 15548997,
          footer: { text: 'f' },
        },
      ],
    });
    expect(d).toContain('<strong>bold</strong> *not* <a href="https://github.com/x">t</a> &lt;b&gt;');
    expect(d).toContain('style="border-left-color:#ed4245"');
    expect(d).toContain('<a href="https://github.com/y">T&lt;</a>');
    expect(d).toContain('<div class="d-li">item <code>a&lt;b</code></div>');
  });

  describe.skipIf(!haveChromium)('in Chromium', () => {
    it('at 400 and 1,000 px: nothing overflows, every message is shown, links point to GitHub', async () => {
      const browser = await launchBrowser(CHROMIUM);
      try {
        for (const width of [400, 1000]) {
          const page = await browser.newPage({ viewport: { width, height: 900 } });
          for (const d of deliveries) {
            await page.setContent(readFileSync(join(out, `${d.destination}.html`), 'utf8'), { waitUntil: 'load' });
            const m = await page.evaluate(() => {
              const wide = [...document.querySelectorAll('body *')].filter(
                (e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5,
              );
              return {
                scrollWidth: document.documentElement.scrollWidth,
                clientWidth: document.documentElement.clientWidth,
                wide: wide.slice(0, 3).map((e) => e.outerHTML.slice(0, 120)),
                messages: [...document.querySelectorAll('.msg')].filter((e) => (e as HTMLElement).offsetHeight > 0)
                  .length,
                links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')),
              };
            });
            expect(m.scrollWidth, `${d.destination} at ${width}px`).toBeLessThanOrEqual(m.clientWidth);
            expect(m.wide, `${d.destination} at ${width}px`).toEqual([]);
            expect(m.messages).toBe(d.payloads.length);
            expect(m.links.length).toBeGreaterThan(0);
            for (const href of m.links)
              expect(href).toMatch(/^https:\/\/github\.com\/pytorch\/pytorch\/(pull\/\d+|releases\/tag\/v2\.10\.0)$/);
            if (process.env.PREVIEW_SCREENSHOTS)
              await page.screenshot({
                path: join(process.env.PREVIEW_SCREENSHOTS, `${d.destination}-${width}.png`),
                fullPage: true,
              });
          }
          await page.close();
        }
      } finally {
        await browser.close();
      }
    }, 60_000);
  });
});
