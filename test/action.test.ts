// The GitHub Action (issue 14, part 1): action.yml's steps run as the runner runs them, against the fakes.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { ACTION_ROOT, readAction, runAction } from './helpers/action-runner.js';
import { tfNotes } from '../src/fakes/notes.js';
import { postgresLocation } from './helpers/stores.js';
import { runNode } from './helpers/spawn.js';

const TF = 'tensorflow/tensorflow';

/** A fresh checkout of the user's repository: only its config (and the workflow). */
function checkout(): string {
  const ws = mkdtempSync(join(tmpdir(), 'rr-action-ws-'));
  writeFileSync(
    join(ws, 'release-radar.yaml'),
    [
      `repos: [${TF}]`,
      'destinations:',
      '  - { name: team-slack, type: slack, channel: C1, token: "${SLACK_BOT_TOKEN}" }',
      '  - { name: team-discord, type: discord, webhook_url: "${DISCORD_WEBHOOK_URL}" }',
      'subscriptions:',
      '  - { destination: team-slack }',
      '  - { destination: team-discord }',
    ].join('\n'),
  );
  return ws;
}

describe('the release-radar action', () => {
  let gh: FakeGitHub;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let workspace: string;
  let cacheDir: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    [gh, slack, discord] = await Promise.all([
      new FakeGitHub().start(),
      new FakeSlack().start(),
      new FakeDiscord().start(),
    ]);
    workspace = checkout();
    cacheDir = mkdtempSync(join(tmpdir(), 'rr-action-cache-'));
    slack.channels.add('C1');
    env = {
      GITHUB_API_URL: gh.url,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      DISCORD_WEBHOOK_URL: discord.addWebhook('301'),
      LOG_LEVEL: 'silent',
    };
    gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
  });
  afterEach(() => Promise.all([gh.close(), slack.close(), discord.close()]));

  it('poll: delivers, writes the job summary and outputs, keeps the SQLite state in the cache; the next run is quiet', async () => {
    const first = await runAction({ inputs: { command: 'poll' }, env, workspace, cacheDir, runId: 1 });
    const log = first.steps.map((s) => `${s.name}: ${s.code}\n${s.err}`).join('\n');
    expect(first.ok, log).toBe(true);
    expect(first.steps.map((s) => [s.name, s.ran])).toEqual([
      ['Set up Node 24', true],
      ['Restore state (SQLite)', true],
      ['Install the SQLite binding (prebuilt binary, no compiler)', true],
      ['Run release-radar', true],
      ['Save state (SQLite)', true],
    ]);
    expect(slack.messages.map((m) => m.channel)).toEqual(['C1']);
    expect(discord.messages.map((m) => m.webhook)).toEqual(['301']);
    expect(first.outputs).toEqual({ events: '1', sent: '2', failed: '0' });
    expect(first.summary).toContain('### release-radar: 1 new change event');
    expect(first.summary).toContain('| team-slack | 1 | 0 | 0 | 0 |  |');
    // The GitHub token reaches the API; secrets never reach the logs.
    expect(gh.requests.at(-1)?.authorization).toBe('token ghs_test_token');
    for (const s of first.steps) expect(s.out + s.err).not.toMatch(/xoxb-test-token|tok-301|ghs_test_token/);

    // Every run is a fresh checkout: the state comes back from the cache, so nothing is announced twice.
    const third = await runAction({ inputs: { command: 'poll' }, env, workspace: checkout(), cacheDir, runId: 2 });
    expect(third.ok).toBe(true);
    expect(third.outputs.events).toBe('0');
    expect(slack.messages).toHaveLength(1);
    gh.publish(TF, { tag_name: 'v2.21.0', body: tfNotes('2.21.0') });
    const fourth = await runAction({ inputs: { command: 'poll' }, env, workspace: checkout(), cacheDir, runId: 3 });
    expect(fourth.outputs).toMatchObject({ events: '1', sent: '2' });
  });

  it('the bundle needs nothing beside it but the SQLite binding (a copy outside this repository, away from its node_modules)', async () => {
    const act = mkdtempSync(join(tmpdir(), 'rr-action-copy-'));
    for (const f of ['package.json', 'config', 'templates', join('dist-action', 'release-radar.mjs')])
      cpSync(join(ACTION_ROOT, f), join(act, f), { recursive: true });
    // What `npm ci` in dist-action/ installs: better-sqlite3 and what it requires at run time.
    for (const p of ['better-sqlite3', 'bindings', 'file-uri-to-path']) {
      mkdirSync(join(act, 'dist-action', 'node_modules'), { recursive: true });
      symlinkSync(join(ACTION_ROOT, 'node_modules', p), join(act, 'dist-action', 'node_modules', p));
    }
    const r = await runNode([join(act, 'dist-action', 'release-radar.mjs'), 'poll', '--db', join(act, 'state.db')], {
      cwd: workspace,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('tensorflow/tensorflow v2.20.0');
    expect(slack.messages.map((m) => m.channel)).toEqual(['C1']);
  });

  it('with database-url: PostgreSQL, no cache steps', async () => {
    const pg = await postgresLocation();
    try {
      const r = await runAction({
        inputs: { command: 'poll', 'database-url': pg.location.databaseUrl! },
        env,
        workspace,
        cacheDir,
        runId: 1,
      });
      expect(r.ok, r.steps.map((s) => s.err).join('\n')).toBe(true);
      expect(r.steps.filter((s) => s.ran).map((s) => s.name)).toEqual(['Set up Node 24', 'Run release-radar']);
      expect(r.outputs.events).toBe('1');
      const again = await runAction({
        inputs: { command: 'poll', 'database-url': pg.location.databaseUrl! },
        env,
        workspace,
        cacheDir,
        runId: 2,
      });
      expect(again.outputs.events).toBe('0');
    } finally {
      await pg.drop();
    }
  });

  it('a wrong command input fails with a clear error and still saves the state', async () => {
    const r = await runAction({ inputs: { command: 'pol' }, env, workspace, cacheDir, runId: 1 });
    expect(r.ok).toBe(false);
    const run = r.steps.find((s) => s.name === 'Run release-radar')!;
    expect(run.code).toBe(2);
    expect(run.out).toContain("input 'command' must be poll or digest, got 'pol'");
    expect(r.steps.at(-1)).toMatchObject({ name: 'Save state (SQLite)', ran: true });
  });

  it('compiles nothing on the runner: Node 24, a committed bundle, and only the prebuilt SQLite binding installed', () => {
    const action = readAction();
    expect(action.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe(24);
    const scripts = action.runs.steps.map((s) => s.run ?? '').join('\n');
    expect(scripts).not.toMatch(/\btsc\b|npm run build|node-gyp|esbuild|npx /);
    expect(scripts).toContain('node "$GITHUB_ACTION_PATH/dist-action/release-radar.mjs"');
    const runtime = JSON.parse(readFileSync(join(ACTION_ROOT, 'dist-action', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const root = JSON.parse(readFileSync(join(ACTION_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(runtime.dependencies).toEqual({ 'better-sqlite3': root.dependencies['better-sqlite3'] });
    const lock = JSON.parse(readFileSync(join(ACTION_ROOT, 'dist-action', 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    expect(lock.packages['node_modules/better-sqlite3']?.version).toBe(root.dependencies['better-sqlite3']);
    // The repository's own workflows run the action itself.
    for (const wf of ['poll', 'digest']) {
      const doc = parseYaml(readFileSync(join(ACTION_ROOT, '.github', 'workflows', `${wf}.yml`), 'utf8')) as {
        jobs: Record<string, { steps: { uses?: string; with?: { command?: string } }[] }>;
      };
      const job = doc.jobs[wf]!; // the job that polls (or sends digests) runs the action and installs nothing itself
      expect(job.steps.find((s) => s.uses === './')?.with?.command).toBe(wf);
      expect(job.steps.filter((s) => s.uses?.startsWith('actions/setup-node'))).toEqual([]);
    }
  });
});
