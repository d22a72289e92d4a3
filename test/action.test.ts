// The GitHub Action (issue 21): a node24 JavaScript action whose bundle is built as the release workflow builds
// it, run from a folder outside this repository by a fake runner, against the fakes and a fake Actions cache
// service that speaks the v2 wire format.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FakeActionsCache } from '../src/fakes/actions-cache.js';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { FakeSmtp } from '../src/fakes/smtp.js';
import { tfNotes, torchNotes } from '../src/fakes/notes.js';
import { bytesByPackage, unwantedInputs } from '../scripts/build-action.js';
import { builtAction, readActionYaml, runJavaScriptAction, type ActionRun } from './helpers/action-runner.js';
import { ROOT } from './helpers/build.js';
import { postgresLocation } from './helpers/stores.js';
import { nodeOfMajor } from './helpers/spawn.js';

const TF = 'tensorflow/tensorflow';
const SECRETS = /xoxb-test-token|tok-301|ghs_test_token/;

/** A fresh checkout of the user's repository: only its config. */
function checkout(extra: string[] = [], repos = [TF]): string {
  const ws = mkdtempSync(join(tmpdir(), 'rr-action-ws-'));
  writeFileSync(
    join(ws, 'release-radar.yaml'),
    [
      `repos: [${repos.join(', ')}]`,
      'destinations:',
      '  - { name: team-slack, type: slack, channel: C1, token: "${SLACK_BOT_TOKEN}" }',
      '  - { name: team-discord, type: discord, webhook_url: "${DISCORD_WEBHOOK_URL}" }',
      'subscriptions:',
      '  - { destination: team-slack }',
      '  - { destination: team-discord }',
      ...extra,
    ].join('\n'),
  );
  return ws;
}

describe('the release-radar action', () => {
  let actionDir: string;
  let node24: string;
  let gh: FakeGitHub;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let cache: FakeActionsCache;
  let env: Record<string, string>;

  beforeAll(async () => {
    actionDir = (await builtAction()).dir;
    node24 = nodeOfMajor(24); // the runner's node24
  }, 120_000);

  beforeEach(async () => {
    [gh, slack, discord, cache] = await Promise.all([
      new FakeGitHub().start(),
      new FakeSlack().start(),
      new FakeDiscord().start(),
      new FakeActionsCache().start(),
    ]);
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
  afterEach(() => Promise.all([gh.close(), slack.close(), discord.close(), cache.close()]));

  const run = (inputs: Record<string, string>, runId: number, workspace = checkout()) =>
    runJavaScriptAction({ actionDir, inputs, env, workspace, runId, cache, node: node24 });
  const why = (r: ActionRun) => `exit ${r.code}\n${r.log}`;

  it('poll: delivers, writes the outputs and the job summary once, keeps the SQLite state in the Actions cache; the next run is quiet', async () => {
    const first = await run({ command: 'poll' }, 1);
    expect(first.ok, why(first)).toBe(true);
    expect(slack.messages.map((m) => m.channel)).toEqual(['C1']);
    expect(discord.messages.map((m) => m.webhook)).toEqual(['301']);
    // readOutputs fails on a name written twice.
    expect(first.outputs).toEqual({ events: '1', sent: '2', failed: '0' });
    expect(first.summary.split('### release-radar: 1 new change event')).toHaveLength(2);
    expect(first.summary).toContain('| team-slack | 1 | 0 | 0 | 0 |  |');
    // The state went to the cache service the way @actions/cache does it: look-up, reserve, upload, finalize.
    expect(cache.calls).toEqual([
      'GetCacheEntryDownloadURL',
      'CreateCacheEntry',
      'PUT blob',
      'FinalizeCacheEntryUpload',
    ]);
    expect(cache.keys()).toEqual(['release-radar-state-1-1']);
    // The GitHub token reaches the API; secrets never reach the log.
    expect(gh.requests.at(-1)?.authorization).toBe('token ghs_test_token');
    expect(first.printed).not.toMatch(SECRETS);

    // Every run is a fresh checkout: the state comes back from the cache, so nothing is announced twice.
    const second = await run({ command: 'poll' }, 2);
    expect(second.ok, why(second)).toBe(true);
    expect(second.log).toContain('State restored from the Actions cache (release-radar-state-1-1).');
    expect(second.outputs.events).toBe('0');
    expect(slack.messages).toHaveLength(1);
    // A repo added to the config is due at once (the others are not: poll.every has not passed since run 2).
    gh.publish(TF, { tag_name: 'v2.21.0', body: tfNotes('2.21.0') });
    gh.publish('pytorch/pytorch', { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    const third = await run({ command: 'poll' }, 3, checkout([], [TF, 'pytorch/pytorch']));
    expect(third.outputs).toMatchObject({ events: '1', sent: '2' });
    expect(cache.keys()).toEqual(['release-radar-state-1-1', 'release-radar-state-2-1', 'release-radar-state-3-1']);
    // A re-run of run 3 saves under its own key, from the newest state.
    const rerun = await runJavaScriptAction({
      actionDir,
      inputs: { command: 'poll' },
      env,
      workspace: checkout(),
      runId: 3,
      runAttempt: 2,
      cache,
      node: node24,
    });
    expect(rerun.outputs.events).toBe('0');
    expect(cache.keys().at(-1)).toBe('release-radar-state-3-2');
  });

  it('digest: sends the digest email and writes its outputs', async () => {
    const smtp = await new FakeSmtp().start();
    try {
      const extra = [
        'digests:',
        '  - { name: weekly, to: [ml@example.com] }',
        'email:',
        '  from: "release-radar <bot@example.com>"',
        '  smtp_url: ${SMTP_URL}',
      ];
      env.SMTP_URL = smtp.url;
      expect((await run({ command: 'poll' }, 1, checkout(extra))).ok).toBe(true);
      const r = await run({ command: 'digest', since: '30d' }, 2, checkout(extra));
      expect(r.ok, why(r)).toBe(true);
      expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['ml@example.com']]);
      expect(r.outputs).toEqual({ sent: '1', failed: '0' });
      expect(r.summary).toContain('| weekly | 1 | sent |');
    } finally {
      await smtp.close();
    }
  });

  it('with database-url: PostgreSQL, and the Actions cache is not used', async () => {
    const pg = await postgresLocation();
    try {
      const url = pg.location.databaseUrl!;
      const r = await run({ command: 'poll', 'database-url': url }, 1);
      expect(r.ok, why(r)).toBe(true);
      expect(r.outputs.events).toBe('1');
      const again = await run({ command: 'poll', 'database-url': url }, 2);
      expect(again.outputs.events).toBe('0');
      expect(cache.calls).toEqual([]);
      expect(again.printed).not.toContain(url);
    } finally {
      await pg.drop();
    }
  });

  it('a wrong command input fails with a clear error (exit 2) and still saves the state', async () => {
    expect((await run({ command: 'poll' }, 1)).ok).toBe(true);
    const r = await run({ command: 'pol' }, 2);
    expect(r.code).toBe(2);
    expect(r.annotations).toEqual([
      {
        level: 'error',
        message:
          "release-radar: input 'command' must be poll or digest, got 'pol'. Set `with: { command: poll }` (or digest) on the step.",
      },
    ]);
    expect(cache.keys()).toEqual(['release-radar-state-1-1', 'release-radar-state-2-1']);
    expect(slack.messages).toHaveLength(1);
  });

  it('without the Actions cache (no ACTIONS_RESULTS_URL), says so and still polls', async () => {
    const r = await runJavaScriptAction({
      actionDir,
      inputs: { command: 'poll' },
      env,
      workspace: checkout(),
      runId: 1,
      node: node24,
    });
    expect(r.ok, why(r)).toBe(true);
    expect(r.annotations).toEqual([
      {
        level: 'warning',
        message:
          'The Actions cache is not available to this run, so the SQLite state is neither restored nor saved. Pass database-url to keep the state in PostgreSQL.',
      },
    ]);
  });

  it('is a node24 JavaScript action with no set-up step: the bundle, nothing installed, nothing native', async () => {
    const action = readActionYaml(actionDir);
    expect(action.runs).toEqual({ using: 'node24', main: 'dist-action/release-radar.mjs' });
    expect(Object.keys(action.inputs)).toEqual([
      'command',
      'config',
      'initial',
      'since',
      'database-url',
      'github-token',
    ]);
    expect(Object.keys(action.outputs)).toEqual(['events', 'sent', 'failed']);
    // The folder the runner gets holds no node_modules and no native addon.
    const all = readdirSync(actionDir, { recursive: true }).map(String);
    expect(all.filter((f) => /node_modules|\.node$/.test(f))).toEqual([]);
    expect(readdirSync(join(actionDir, 'dist-action'))).toEqual(['release-radar.mjs']);
    // The bundle is not committed on main (the release workflow commits it on the release tag).
    expect(execFileSync('git', ['ls-files', 'dist-action'], { cwd: ROOT, encoding: 'utf8' })).toBe('');
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('dist-action/');
  });

  it('the bundle holds poll and digest only, under 4 MB: no demo stand-ins, no Bolt, no Discord gateway client', async () => {
    const { bytes, metafile } = await builtAction();
    expect(bytes).toBeLessThanOrEqual(4_000_000);
    expect(unwantedInputs(metafile)).toEqual([]);
    const packages = bytesByPackage(metafile).map(([p]) => p);
    for (const p of ['msw', 'graphql', 'smtp-server', '@slack/bolt', 'discord.js', '@discordjs/ws'])
      expect(packages).not.toContain(p);
    expect(Object.keys(metafile.inputs).filter((f) => f.startsWith('src/fakes/'))).toEqual([]);
    // Discord delivery through @discordjs/rest; one copy of each package version.
    expect(packages).toContain('@discordjs/rest');
    const undiciCopies = new Set(Object.keys(metafile.inputs).map((f) => /^(.*node_modules\/undici)\//.exec(f)?.[1]));
    undiciCopies.delete(undefined);
    expect(undiciCopies.size).toBe(1); // npm nests undici 6 twice (under @discordjs/rest and @actions/http-client)
  });

  it("this repository's poll and digest workflows build the bundle, then run the action itself", () => {
    for (const wf of ['poll', 'digest']) {
      const doc = parseYaml(readFileSync(join(ROOT, '.github', 'workflows', `${wf}.yml`), 'utf8')) as {
        jobs: Record<string, { steps: { uses?: string; run?: string; with?: { command?: string } }[] }>;
      };
      const steps = doc.jobs[wf]!.steps;
      const build = steps.findIndex((s) => s.run?.includes('npm run build:action'));
      const action = steps.findIndex((s) => s.uses === './');
      expect(build, wf).toBeGreaterThan(-1);
      expect(action, wf).toBeGreaterThan(build);
      expect(steps[action]!.with?.command).toBe(wf);
    }
  });
});
