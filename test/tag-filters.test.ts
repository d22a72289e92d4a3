// Tag filters for monorepos (issue 26): a repo publishing three packages (pkg-a/v1.2.3 style tags). `tags` and
// `exclude_tags` per tracked repo and per subscription, in the config and in chat (`--tags`); a release no
// filter admits is still recorded, never announced; `query` and `report` take `--tag GLOB`.
import { mkdtempSync } from 'node:fs';
import { templateRenderer } from '../src/platforms/registry.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextFromConfig, parseCommandText } from '../src/chat/commands.js';
import { handleCommand, type ChatDeps } from '../src/chat/handler.js';
import { validateConfig } from '../src/config/load.js';
import { allRoutes } from '../src/deliver/chat-routes.js';
import { planDeliveries } from '../src/deliver/plan-deliveries.js';
import { routeEvent } from '../src/deliver/routing.js';
import { repoTagFilters, tagFilter } from '../src/diff/tag-filter.js';
import type { ChangeEvent } from '../src/diff/events.js';
import { createGitHubClient } from '../src/github/client.js';
import { silentLogger } from '../src/log.js';
import { runPoll } from '../src/poll/run-poll.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { interactionText } from '../src/platforms/discord-channel/receiver.js';
import type { Store } from '../src/store/store.js';
import { runCli } from './helpers/cli.js';
import { useMsw } from './helpers/msw.js';
import { classifier } from './helpers/poll.js';
import { STORE_KINDS, type TestStore } from './helpers/stores.js';

const MONO = 'acme/mono';
const notes = (pkg: string, version: string) =>
  [
    '# Improvements',
    '## Distributed',
    `- ${pkg} ${version}: faster \`torch.distributed\` all_reduce (#${version.length})`,
  ].join('\n');
const publish = (gh: FakeGitHub, tag: string) => {
  const [pkg, v] = tag.split('/') as [string, string];
  gh.publish(MONO, { tag_name: tag, body: notes(pkg, v), prerelease: /-rc/.test(tag) });
};

const config = validateConfig(
  {
    repos: [{ name: MONO, aliases: ['mono'], exclude_tags: ['pkg-c/*'] }],
    destinations: [
      { name: 'team-a', type: 'slack', channel: 'C0TEAMA', token: 'xoxb-test' },
      { name: 'team-b', type: 'slack', channel: 'C0TEAMB', token: 'xoxb-test' },
      { name: 'everyone', type: 'slack', channel: 'C0ALL', token: 'xoxb-test' },
    ],
    subscriptions: [
      { destination: 'team-a', tags: ['pkg-a/*'] },
      { destination: 'team-b', tags: ['pkg-b/*'], exclude_tags: ['*-rc*'], prereleases: true },
      { destination: 'everyone', prereleases: true },
    ],
  },
  'mono.yaml',
  {},
);

describe('tag globs', () => {
  it('`*` matches any characters, `/` included; exclusions win', () => {
    const f = tagFilter({ tags: ['pkg-a/*', 'v2.*'], exclude_tags: ['*-rc*'] });
    expect(['pkg-a/v1.2.3', 'pkg-a/nested/v1', 'v2.10.0', 'pkg-a/v1.3.0-rc1', 'pkg-b/v1.0.0'].map(f)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(tagFilter({})('anything')).toBe(true);
  });

  it('the config checks the globs and the upgrades it lists', () => {
    expect(() => validateConfig({ repos: [{ name: MONO, tags: [''] }] }, 'bad.yaml', {})).toThrow(
      /repos\[0\]\.tags\[0\]: a tag glob cannot be empty/,
    );
    expect(() =>
      validateConfig(
        { repos: [MONO], site: { upgrades: [{ repo: 'acme/other', range: '1.0..2.0' }] } },
        'bad.yaml',
        {},
      ),
    ).toThrow(/site\.upgrades\[0\]\.repo: "acme\/other" is not tracked/);
    expect(() =>
      validateConfig({ repos: [MONO], site: { upgrades: [{ repo: MONO, range: '1.0-2.0' }] } }, 'bad.yaml', {}),
    ).toThrow(/site\.upgrades\[0\]\.range: expected FROM\.\.TO/);
  });
});

describe.each(STORE_KINDS)('a monorepo with three packages (%s)', (_kind, open) => {
  const msw = useMsw();
  let gh: FakeGitHub;
  let ts: TestStore;
  beforeEach(async () => {
    gh = new FakeGitHub();
    msw.use(gh);
    ts = await open();
  });
  afterEach(() => ts.cleanup());

  const pollMono = (store: Store, initial: 'none' | 'latest' = 'latest') =>
    runPoll(
      {
        store,
        github: createGitHubClient({ baseUrl: gh.url, logger: silentLogger, retryUnitMs: 5 }),
        classifier,
        logger: silentLogger,
        planDeliveries: (events) =>
          planDeliveries(events, config.destinations, config.subscriptions, templateRenderer()),
      },
      { repos: [MONO], dryRun: false, initial, perPage: 30, tagFilters: repoTagFilters(config.repos) },
    );

  it('records every release; announces only what the repo filter admits; routes each package to its team', async () => {
    for (const t of ['pkg-a/v1.0.0', 'pkg-b/v2.0.0', 'pkg-c/v0.1.0']) publish(gh, t);
    await pollMono(ts.store, 'none');
    for (const t of ['pkg-c/v0.2.0', 'pkg-a/v1.1.0', 'pkg-b/v2.1.0-rc1', 'pkg-b/v2.1.0']) publish(gh, t);
    const r = await pollMono(ts.store);
    expect(r.failures).toEqual([]);
    expect(r.events.map((e) => [e.type, e.tag])).toEqual([
      ['published', 'pkg-a/v1.1.0'],
      ['published', 'pkg-b/v2.1.0-rc1'],
      ['promoted', 'pkg-b/v2.1.0'],
    ]);
    // Filtered out, yet recorded: the site and reports stay complete.
    expect((await ts.store.releases(MONO)).map((x) => x.tag).sort()).toEqual([
      'pkg-a/v1.0.0',
      'pkg-a/v1.1.0',
      'pkg-b/v2.0.0',
      'pkg-b/v2.1.0',
      'pkg-b/v2.1.0-rc1',
      'pkg-c/v0.1.0',
      'pkg-c/v0.2.0',
    ]);
    const got = (d: string) =>
      r.deliveries.filter((x) => x.destination === d).map((x) => r.events.find((e) => e.id === x.eventId)!.tag);
    expect(got('team-a')).toEqual(['pkg-a/v1.1.0']);
    expect(got('team-b')).toEqual(['pkg-b/v2.1.0']); // its candidate excluded by *-rc*
    expect(got('everyone')).toEqual(['pkg-a/v1.1.0', 'pkg-b/v2.1.0-rc1', 'pkg-b/v2.1.0']);
    // team-b never got the candidate: the final release comes in full, not as the delta since it.
    const promoted = r.events.find((e) => e.type === 'promoted') as ChangeEvent;
    const routes = routeEvent(promoted, config.destinations, config.subscriptions);
    expect(routes.map((x) => [x.destination.name, x.full])).toEqual([
      ['team-b', true],
      ['everyone', false],
    ]);
  });

  it('a first poll announces the newest release the filter admits, even under other packages', async () => {
    for (const t of ['pkg-a/v1.0.0', 'pkg-a/v1.1.0', 'pkg-c/v0.1.0', 'pkg-c/v0.2.0']) publish(gh, t);
    const r = await pollMono(ts.store);
    expect(r.events.map((e) => e.tag)).toEqual(['pkg-a/v1.1.0']);
  });

  it('chat: /releases subscribe … --tags stores the filter, lists it, and routes by it', async () => {
    const ctx = contextFromConfig(config.repos, Object.keys(config.resolvedCategories));
    const deps: ChatDeps = {
      store: ts.store,
      config,
      classifier,
      renderer: templateRenderer(),
      logger: silentLogger,
      tokens: { slack: 'xoxb-test' },
    };
    const say = async (text: string) =>
      (
        await handleCommand(deps, {
          platform: 'slack',
          channelId: 'C0CHAT',
          userId: 'U1',
          command: parseCommandText(text, ctx),
        })
      ).payloads.map((p) => p.text as string);
    expect(await say('subscribe mono all --tags pkg-a/*,!*-rc*')).toEqual([
      'Subscribed this channel to acme/mono: all categories (tags pkg-a/*; not *-rc*). New releases will be posted here.',
    ]);
    await say('subscribe mono distributed --tags=pkg-b/*');
    expect((await say('list'))[0]).toBe(
      "This channel's subscriptions:\n• acme/mono: all categories (tags pkg-a/*; not *-rc*)\n• acme/mono: distributed (tags pkg-b/*)",
    );
    const stored = await ts.store.chatSubscriptions.list('slack:C0CHAT');
    expect(stored.map((s) => [s.tags, s.excludeTags])).toEqual([
      [['pkg-a/*'], ['*-rc*']],
      [['pkg-b/*'], []],
    ]);
    const routes = await allRoutes({ destinations: [], subscriptions: [], repos: config.repos }, ts.store, {
      slack: 'xoxb-test',
    });
    const event = (tag: string, prerelease = false) =>
      ({ repo: MONO, tag, type: 'published', prerelease, categories: {} }) as unknown as ChangeEvent;
    const to = (tag: string) => routeEvent(event(tag), routes.destinations, routes.subscriptions).length;
    expect(['pkg-a/v1.2.0', 'pkg-a/v1.3.0-rc1', 'pkg-b/v2.2.0', 'pkg-c/v0.3.0'].map(to)).toEqual([1, 0, 1, 0]);
  });
});

describe('the subscribe grammar with --tags', () => {
  const ctx = contextFromConfig([{ name: MONO, aliases: ['mono'] }], ['distributed', 'mobile']);

  it.each([
    ['subscribe mono all --tags pkg-a/*', { tags: ['pkg-a/*'] }],
    ['subscribe mono all --tags=pkg-a/*,pkg-b/*', { tags: ['pkg-a/*', 'pkg-b/*'] }],
    ['subscribe mono distributed --tags !*-nightly* --prereleases', { excludeTags: ['*-nightly*'], prereleases: true }],
  ])('%j', (text, expected) => {
    expect(parseCommandText(text, ctx)).toMatchObject({ kind: 'subscribe', repos: [MONO], ...expected });
  });

  it('a subscription without --tags has no filter; a bad --tags gets a usage answer', () => {
    expect(parseCommandText('subscribe mono all', ctx)).not.toHaveProperty('tags');
    expect(parseCommandText('subscribe mono all --tags', ctx)).toMatchObject({
      kind: 'usage',
      message: expect.stringMatching(/^`--tags` needs tag globs/),
    });
    expect(parseCommandText('mono --tags pkg-a/*', ctx)).toMatchObject({
      kind: 'usage',
      message: expect.stringMatching(/^`--tags` is for `subscribe`/),
    });
  });

  it('Discord: the tags option becomes --tags', () => {
    const opt = (name: string, value: string) => ({ name, value, type: 3 });
    expect(
      interactionText({
        name: 'releases',
        options: [
          {
            name: 'subscribe',
            type: 1,
            options: [opt('repo', MONO), opt('categories', 'all'), opt('tags', 'pkg-a/*, !*-rc*')],
          },
        ],
      }),
    ).toBe('subscribe acme/mono all --tags=pkg-a/*,!*-rc*');
  });
});

describe('query and report take --tag GLOB', () => {
  const msw = useMsw();
  let gh: FakeGitHub;
  let db: string;
  beforeEach(() => {
    gh = new FakeGitHub();
    msw.use(gh);
    for (const t of ['pkg-a/v1.0.0', 'pkg-b/v2.0.0', 'pkg-a/v1.1.0', 'pkg-c/v0.1.0', 'pkg-a/v1.2.0', 'pkg-c/v0.2.0'])
      publish(gh, t);
    db = join(mkdtempSync(join(tmpdir(), 'rr-mono-')), 'state.db');
  });

  it('query: the latest release of one package, from GitHub and then from the store', async () => {
    const first = await runCli(['query', MONO, '--tag', 'pkg-b/*', '--db', db]);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toContain('acme/mono pkg-b/v2.0.0');
    const again = await runCli(['query', MONO, '--tag', 'pkg-a/*', '--db', db]);
    expect(again.out).toContain('acme/mono pkg-a/v1.2.0');
    expect(await runCli(['query', MONO, '--tag', 'pkg-z/*', '--db', db])).toMatchObject({
      code: 1,
      err: 'release-radar: no release matching --tag pkg-z/* of acme/mono found\n',
    });
  });

  it('report: one package, its versions alone', async () => {
    const r = await runCli(['report', MONO, '1.0..', '--tag', 'pkg-a/*', '--format', 'json', '--db', db]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { from: string; to: string; releases: { tag: string }[] };
    expect(json).toMatchObject({ from: 'pkg-a/v1.0.0', to: 'pkg-a/v1.2.0' });
    expect(json.releases.map((x) => x.tag)).toEqual(['pkg-a/v1.1.0', 'pkg-a/v1.2.0']);
  });
});
