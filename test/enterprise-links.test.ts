// GitHub Enterprise: with GITHUB_SERVER_URL set, every web link release-radar writes (PR links and release
// links in chat messages, the site's pages and feed) points at that host, never at github.com.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../src/fakes/github.js';
import { runCli } from './helpers/cli.js';

const GHE = 'https://ghe.acme.dev';
const REPO = 'ml/trainer';
const NOTES = [
  '## Distributed',
  '- Fixed an NCCL timeout when a rank restarts (#4242)',
  '- Added `ProcessGroupGloo` support for `all_to_all` (#4243)',
].join('\n');

describe('links on a GitHub Enterprise host', () => {
  let gh: FakeGitHub;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    gh = await new FakeGitHub().start();
    gh.publish(REPO, { tag_name: 'v1.2.0', body: NOTES, html_url: `${GHE}/${REPO}/releases/tag/v1.2.0` });
    dir = mkdtempSync(join(tmpdir(), 'rr-ghe-'));
    writeFileSync(
      join(dir, 'c.yaml'),
      [
        `repos: [${REPO}]`,
        'destinations:',
        '  - { name: infra, type: slack, channel: C1, token: "${SLACK_BOT_TOKEN}" }',
        '  - { name: hook, type: discord, webhook_url: "${HOOK}" }',
        'subscriptions: [{ destination: infra }, { destination: hook }]',
      ].join('\n'),
    );
    env = {
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: GHE,
      SLACK_BOT_TOKEN: 'xoxb-test',
      HOOK: 'https://discord.com/api/webhooks/123/abc',
      LOG_LEVEL: 'silent',
    };
  });
  afterAll(async () => {
    await gh.close();
  });

  const githubLinks = (text: string) => text.match(/https:\/\/github\.com\/[^\s"'<>|)]*/g) ?? [];

  it('chat messages link PRs and the release on the enterprise host', async () => {
    const args = ['poll', '--config', join(dir, 'c.yaml'), '--db', join(dir, 'dry.db'), '--dry-run'];
    const r = await runCli([...args, '--format', 'json'], { env });
    expect(r.err).toBe('');
    const payloads = JSON.stringify(JSON.parse(r.out).deliveries);
    expect(payloads).toContain(`${GHE}/${REPO}/pull/4242`);
    expect(payloads).toContain(`${GHE}/${REPO}/releases/tag/v1.2.0`);
    expect(githubLinks(payloads)).toEqual([]);
  });

  it("the site's release page and feed link PRs and the release on the enterprise host", async () => {
    // The site reads the store: a poll with no destination records the release.
    writeFileSync(join(dir, 'site.yaml'), `repos: [${REPO}]\n`);
    const db = join(dir, 'site.db');
    const poll = await runCli(['poll', '--config', join(dir, 'site.yaml'), '--db', db], { env });
    expect(poll.code, poll.err).toBe(0);
    const out = join(dir, 'site');
    const site = await runCli(['site', '--out', out, '--config', join(dir, 'site.yaml'), '--db', db], { env });
    expect(site.code, site.err).toBe(0);
    const page = readFileSync(join(out, 'releases', 'ml', 'trainer', 'v1.2.0.html'), 'utf8');
    expect(page).toContain(`${GHE}/${REPO}/pull/4242`);
    expect(page).toContain(`${GHE}/${REPO}/releases/tag/v1.2.0`);
    // Every page and feed the site wrote, not only the release page.
    const files = readdirSync(out, { recursive: true }).filter((f) => /\.(html|atom)$/.test(String(f)));
    expect(files.some((f) => String(f).endsWith('.atom'))).toBe(true);
    const everything = files.map((f) => readFileSync(join(out, String(f)), 'utf8')).join('\n');
    expect(everything).toContain(`${GHE}/${REPO}/releases`);
    expect(githubLinks(everything)).toEqual([]);
  });
});
