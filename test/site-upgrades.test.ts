// The site's upgrade pages (issue 26): `site.upgrades` in the config → upgrade/<owner>/<name>/<from>..<to>.html,
// rendered by the renderer of `report --format html`, from the stored releases alone.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../src/fakes/github.js';
import { runCli, type CliResult } from './helpers/cli.js';
import { useMsw } from './helpers/msw.js';
import { poll } from './helpers/poll.js';
import { publishWidgets, WIDGETS } from './helpers/report-fixture.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

describe('release-radar site with site.upgrades', () => {
  const msw = useMsw();
  let gh: FakeGitHub;
  let ts: TestStore;
  let dir: string;
  let site: CliResult;
  const page = (path: string) => readFileSync(join(dir, 'out', path), 'utf8');
  const main = (html: string) => html.slice(html.indexOf('<h1>'), html.indexOf('</main>'));

  beforeAll(async () => {
    gh = new FakeGitHub();
    msw.use(gh);
    publishWidgets(gh);
    ts = await sqliteStore();
    await poll(ts.store, gh, { repos: [WIDGETS], initial: 'none' });
    dir = mkdtempSync(join(tmpdir(), 'rr-upgrades-'));
    writeFileSync(
      join(dir, 'release-radar.yaml'),
      [
        `repos: [${WIDGETS}]`,
        'site:',
        '  upgrades:',
        `    - { repo: ${WIDGETS}, range: "1.0..2.0" }`,
        `    - { repo: ${WIDGETS}, range: "v1.1.0..", categories: [distributed], prereleases: true }`,
        `    - { repo: ${WIDGETS}, range: "1.0..9.0" }`,
      ].join('\n'),
    );
    site = await runCli(
      ['site', '--out', join(dir, 'out'), '--config', join(dir, 'release-radar.yaml'), '--db', ts.location.sqlitePath!],
      { env: { LOG_LEVEL: 'silent' } },
    );
  });
  afterAll(() => ts.cleanup());

  it('writes one page per configured range, and names the range it could not resolve', () => {
    expect(site.code).toBe(1);
    expect(site.err).toBe(
      'release-radar: site.upgrades[2]: acme/widgets 1.0..9.0: no release 9.0 (nearest: v2.0.0, v2.0.1) among the stored releases (run `release-radar poll` to record them)\n',
    );
    expect(existsSync(join(dir, 'out', 'upgrade/acme/widgets/v1.0.0..v2.0.0.html'))).toBe(true);
    const latest = page('upgrade/acme/widgets/v1.1.0..v2.0.1.html');
    expect(latest).toContain('acme/widgets: upgrading from v1.1.0 to v2.0.1');
    expect(latest).toContain('v2.0.0rc1'); // prereleases: true
    expect(gh.requests.every((r) => r.path.includes('/releases?'))).toBe(true); // only the poll's listing
  });

  it('is the same page as `report --format html`, inside the site: its stylesheet, navigation and links', async () => {
    const standalone = await runCli(
      [
        'report',
        WIDGETS,
        '1.0..2.0',
        '--format',
        'html',
        '--config',
        join(dir, 'release-radar.yaml'),
        '--db',
        ts.location.sqlitePath!,
      ],
      { env: { LOG_LEVEL: 'silent' } },
    );
    expect(standalone.code).toBe(0);
    const path = 'upgrade/acme/widgets/v1.0.0..v2.0.0.html';
    const onSite = page(path);
    const body = (html: string) => main(html).replace(/<p class="crumbs">.*?<\/p>\n/, '');
    expect(body(onSite)).toBe(body(standalone.out));
    expect(onSite).toContain('<link rel="stylesheet" href="../../../style.css">');
    expect(onSite).toContain('<a href="../../../repos/acme/widgets.html">acme/widgets</a>');
    // The repo page links each report, and every link of the report page leads to a file.
    const repoPage = page('repos/acme/widgets.html');
    expect(repoPage).toContain('<a href="../../upgrade/acme/widgets/v1.0.0..v2.0.0.html">v1.0.0 → v2.0.0</a>');
    for (const [, href] of onSite.matchAll(/href="([^"#]+)"/g)) {
      if (/^https:/.test(href!)) continue;
      expect(existsSync(resolve(dirname(join(dir, 'out', path)), href!)), href).toBe(true);
    }
  });
});
