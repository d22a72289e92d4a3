// The SQLite store on Node's built-in node:sqlite (issue 21): a state file written by release 0.1.0 (through
// better-sqlite3) opens, migrates and carries on; Node 22 shows no ExperimentalWarning for it.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { Store } from '../src/store/store.js';
import { BIN, nodeOfMajor, runNode } from './helpers/spawn.js';

// What release 0.1.0 polled into test/fixtures/store/state-0.1.0.db (2 releases of acme/widget, both sent to C1).
const V1 =
  '## Distributed\n\n- Faster all-reduce over NCCL (#1)\n- Drop support for Python 3.8 (#2)\n\n## Windows\n\n- Fix MSVC build (#3)\n';
const V11 = '## Quantization\n\n- Add int4 weight-only quantization (#4)\n';
const FIXTURE = join(import.meta.dirname, 'fixtures', 'store', 'state-0.1.0.db');

describe('SQLite on node:sqlite', () => {
  let gh: FakeGitHub;
  let slack: FakeSlack;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    [gh, slack] = await Promise.all([new FakeGitHub().start(), new FakeSlack().start()]);
    slack.channels.add('C1');
    gh.publish('acme/widget', { tag_name: 'v1.0.0', body: V1 });
    gh.publish('acme/widget', { tag_name: 'v1.1.0', body: V11 });
    dir = mkdtempSync(join(tmpdir(), 'rr-node-sqlite-'));
    writeFileSync(
      join(dir, 'release-radar.yaml'),
      'repos: [acme/widget]\ndestinations:\n  - { name: team, type: slack, channel: C1, token: "${SLACK_BOT_TOKEN}" }\nsubscriptions:\n  - { destination: team }\n',
    );
    env = {
      PATH: process.env.PATH,
      GITHUB_API_URL: gh.url,
      SLACK_API_URL: slack.apiUrl,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      LOG_LEVEL: 'warn',
    };
  });
  afterEach(() => Promise.all([gh.close(), slack.close()]));

  it('a state file written by release 0.1.0 (better-sqlite3) opens, migrates, and only what is new is sent', async () => {
    const db = join(dir, 'state.db');
    copyFileSync(FIXTURE, db);
    gh.publish('acme/widget', { tag_name: 'v1.2.0', body: '## Windows\n\n- Support clang-cl builds (#5)\n' });
    const r = await runNode([BIN, 'poll', '--db', db], { env, cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('1 change event');
    expect(r.out).toContain('acme/widget v1.2.0');
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]!.text).toContain('v1.2.0');

    const store = await Store.open({ sqlitePath: db });
    try {
      const releases = await store.db.selectFrom('releases').select('tag').orderBy('tag').execute();
      expect(releases.map((x) => x.tag)).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0']);
      const sent = await store.db.selectFrom('deliveries').select('status').execute();
      expect(sent.map((x) => x.status)).toEqual(['sent', 'sent', 'sent']);
    } finally {
      await store.close();
    }
  });

  it('Node 22 prints no ExperimentalWarning for node:sqlite', { timeout: 60_000 }, async () => {
    const node22 = nodeOfMajor(22);
    const r = await runNode([BIN, 'poll', '--db', join(dir, 'state.db'), '--initial', 'none'], {
      env,
      cwd: dir,
      node: node22,
    });
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toMatch(/ExperimentalWarning|experimental feature/);
    // The same Node, with the warning left on: the filter is what hides it.
    const bare = await runNode(['-e', "require('node:sqlite')"], { env, node: node22 });
    expect(bare.err).toContain('ExperimentalWarning');
  });
});
