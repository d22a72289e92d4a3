// Range queries in chat (issue 26): `/releases widgets distributed 1.0..2.0` and `since 1.0` answer with the
// upgrade report's summary (counts by kind, breaking changes and deprecations first), the rest after it, each
// item with its versions; the ephemeral/public rules of queries hold.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templateRenderer } from '../src/platforms/registry.js';
import { contextFromConfig, parseCommandText } from '../src/chat/commands.js';
import { handleCommand, type ChatDeps } from '../src/chat/handler.js';
import { validateConfig } from '../src/config/load.js';
import { createGitHubClient } from '../src/github/client.js';
import { silentLogger } from '../src/log.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { useMsw } from './helpers/msw.js';
import { classifier, poll } from './helpers/poll.js';
import { publishWidgets, WIDGETS } from './helpers/report-fixture.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

const config = validateConfig(
  {
    repos: [
      { name: WIDGETS, aliases: ['widgets'] },
      { name: 'pytorch/pytorch', aliases: ['torch'] },
    ],
  },
  'chat.yaml',
  {},
);
const ctx = contextFromConfig(config.repos, Object.keys(config.resolvedCategories));

describe('range queries: the command text', () => {
  it.each([
    ['widgets distributed 1.0..2.0', { category: 'distributed', range: { from: '1.0', to: '2.0' } }],
    ['widgets since 1.0 --public', { range: { from: '1.0', to: null }, public: true }],
    ['torch distributed 2.5..2.10', { repo: 'pytorch/pytorch', range: { from: '2.5', to: '2.10' } }],
    ['widgets distributed since v1.1.0', { range: { from: 'v1.1.0', to: null } }],
  ])('%j', (text, expected) => {
    const c = parseCommandText(text, ctx);
    expect(c).toMatchObject({ kind: 'query', ...expected });
    expect(c).not.toHaveProperty('version');
  });

  it('a malformed range gets a usage answer', () => {
    expect(parseCommandText('widgets ..2.0', ctx)).toMatchObject({
      kind: 'usage',
      message: expect.stringMatching(/^"\.\.2\.0" is not a range/),
    });
  });
});

describe('range queries: the answer', () => {
  const msw = useMsw();
  let gh: FakeGitHub;
  let ts: TestStore;
  let deps: ChatDeps;
  beforeEach(async () => {
    gh = new FakeGitHub();
    msw.use(gh);
    publishWidgets(gh);
    ts = await sqliteStore();
    await poll(ts.store, gh, { repos: [WIDGETS], initial: 'none' });
    deps = {
      store: ts.store,
      config,
      classifier,
      renderer: templateRenderer(),
      github: createGitHubClient({ baseUrl: gh.url, logger: silentLogger, retryUnitMs: 5 }),
      logger: silentLogger,
    };
  });
  afterEach(() => ts.cleanup());
  const ask = (text: string, platform: 'slack' | 'discord' = 'slack') =>
    handleCommand(deps, { platform, channelId: 'C1', userId: 'U1', command: parseCommandText(text, ctx) });

  it('Slack: the summary first, breaking changes and deprecations first, each item with its versions; no request', async () => {
    const before = gh.requests.length;
    const reply = await ask('widgets distributed 1.0..2.0');
    expect(gh.requests.length).toBe(before); // polled: the store holds the range
    expect(reply.ephemeral).toBe(true);
    const text = JSON.stringify(reply.payloads);
    expect(text).toContain('acme/widgets v1.0.0 → v2.0.0* · upgrade report, 4 releases');
    expect(text).toContain('1 breaking · 1 new · 4 fixed');
    const summary = JSON.stringify(reply.payloads[0]);
    const breaking = summary.indexOf('Remove');
    expect(breaking).toBeGreaterThan(0);
    expect(summary.indexOf('dist.stream')).toBeGreaterThan(breaking);
    expect(summary).toContain('deprecated in v1.1.0, removed in v2.0.0');
    expect(text).toContain('v1.1.0, reverted in v1.2.0');
    expect(text).toContain('v1.1.0, reworded in v1.2.0');
    expect(text).not.toContain('v2.0.1');
  });

  it('Discord, `since`, --public: up to the latest, posted for the channel', async () => {
    const reply = await ask('widgets since 1.0 --public', 'discord');
    expect(reply.ephemeral).toBe(false);
    const text = JSON.stringify(reply.payloads);
    expect(text).toContain('acme/widgets v1.0.0 → v2.0.1 · upgrade report, 5 releases');
    expect(text).toContain('empty tensors');
    expect(reply.payloads.every((p) => (p as { allowed_mentions?: unknown }).allowed_mentions)).toBe(true);
  });

  it('a range that does not resolve says why, and nothing else', async () => {
    const reply = await ask('widgets 1.0..9.0');
    expect(reply.payloads.map((p) => p.text)).toEqual([
      'acme/widgets 1.0..9.0: no release 9.0 (nearest: v2.0.0, v2.0.1)',
    ]);
  });
});
