// Who may read what from chat: tracked repos (and aliases) only, unless chat.allow_untracked (then public
// repos only, rate-limited per channel); repo names checked against GitHub's rules; long commands refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templateRenderer } from '../src/platforms/registry.js';
import { Classifier } from '../src/classify/classifier.js';
import { contextFromConfig, isRepoName, parseCommandText } from '../src/chat/commands.js';
import { handleCommand, type ChatDeps } from '../src/chat/handler.js';
import { validateConfig } from '../src/config/load.js';
import { createGitHubClient } from '../src/github/client.js';
import { silentLogger } from '../src/log.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { torchNotes } from '../src/fakes/notes.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

const repos = [
  { name: 'pytorch/pytorch', aliases: ['pytorch', 'torch'] },
  { name: 'tensorflow/tensorflow', aliases: ['tf'] },
];
const cats = ['mobile', 'distributed', 'packaging', 'windows', 'quantization'];

describe('repo names and tracking in commands', () => {
  const tracked = contextFromConfig(repos, cats);
  const open = contextFromConfig(repos, cats, { allowUntracked: true });

  it.each(['../..', 'a/..', './b', 'owner/name/extra', 'owner/n%2e', 'x'.repeat(40) + '/y', 'o/' + 'n'.repeat(101)])(
    '%j is not a repo name',
    (name) => {
      expect(isRepoName(name)).toBe(false);
      expect(parseCommandText(name, open).kind).not.toBe('query');
    },
  );

  it('a space is not part of a repo name', () => expect(isRepoName('owner/na me')).toBe(false));

  it.each(['pytorch/pytorch', 'huggingface/transformers', 'a-b/c.d_e', 'o/.github'])('%j is a repo name', (name) =>
    expect(isRepoName(name)).toBe(true),
  );

  it('untracked repos are refused unless the config allows them; tracked ones and aliases answer', () => {
    expect(parseCommandText('secretorg/private latest-rc --public', tracked)).toMatchObject({
      kind: 'usage',
      message: expect.stringMatching(
        /`secretorg\/private` is not tracked here. Tracked: pytorch\/pytorch, tensorflow\/tensorflow/,
      ),
    });
    expect(parseCommandText('torch', tracked)).toEqual({ kind: 'query', repo: 'pytorch/pytorch', public: false });
    expect(parseCommandText('PyTorch/PyTorch', tracked)).toMatchObject({ kind: 'query', repo: 'pytorch/pytorch' });
    expect(parseCommandText('huggingface/transformers', open)).toEqual({
      kind: 'query',
      repo: 'huggingface/transformers',
      public: false,
      untracked: true,
    });
    // Subscriptions are for tracked repos only: poll reads nothing else.
    expect(parseCommandText('subscribe huggingface/transformers all', open)).toMatchObject({
      kind: 'usage',
      message: expect.stringMatching(/not tracked/),
    });
  });

  it('a command over 200 characters gets a clear answer, not a lookup', () => {
    const c = parseCommandText(`pytorch ${'9'.repeat(900_000)}`, tracked);
    expect(c).toMatchObject({
      kind: 'usage',
      message: expect.stringMatching(/^That command is 900008 characters long; at most 200 are read/),
    });
  });
});

describe('untracked lookups through the handler', () => {
  let gh: FakeGitHub;
  let ts: TestStore;
  let deps: ChatDeps;
  const ask = (text: string, channel = 'C1') =>
    handleCommand(deps, {
      platform: 'slack',
      channelId: channel,
      userId: 'U1',
      command: parseCommandText(
        text,
        contextFromConfig(repos, cats, { allowUntracked: deps.config.chat.allow_untracked }),
      ),
    });
  const textOf = (r: Awaited<ReturnType<typeof ask>>) => JSON.stringify(r.payloads);

  beforeEach(async () => {
    gh = await new FakeGitHub().start();
    ts = await sqliteStore();
  });
  afterEach(async () => {
    await ts.cleanup();
    await gh.close();
  });
  const setup = (chat: Record<string, unknown>) => {
    const config = validateConfig({ repos, chat }, 'test.yaml', {});
    deps = {
      store: ts.store,
      config,
      classifier: new Classifier(config.resolvedCategories),
      renderer: templateRenderer(),
      github: createGitHubClient({ baseUrl: gh.url, logger: silentLogger, retryUnitMs: 5 }),
      logger: silentLogger,
    };
  };

  it('by default: no GitHub request for an untracked repo, private or not', async () => {
    setup({});
    gh.publish('secretorg/private', { tag_name: 'v1.0.0-rc1', body: torchNotes('1.0.0'), prerelease: true });
    gh.privateRepos.add('secretorg/private');
    const r = await ask('secretorg/private latest-rc --public');
    expect(r.ephemeral).toBe(true);
    expect(textOf(r)).toContain('is not tracked here');
    expect(gh.requests).toEqual([]);
  });

  it('with allow_untracked: public repos answer, private ones do not, and each channel has a budget', async () => {
    setup({ allow_untracked: true, untracked_lookups_per_hour: 2 });
    gh.publish('secretorg/private', { tag_name: 'v1.0.0', body: torchNotes('1.0.0') });
    gh.privateRepos.add('secretorg/private');
    gh.publish('acme/public', { tag_name: 'v3.0.0', body: torchNotes('3.0.0') });
    const priv = await ask('secretorg/private --public');
    expect(textOf(priv)).toContain('No public repo secretorg/private found');
    expect(textOf(priv)).not.toContain('ProcessGroupNCCL');
    expect(gh.requests.some((q) => q.path.includes('/releases'))).toBe(false); // its notes were never read
    expect(textOf(await ask('acme/public'))).toContain('ProcessGroupNCCL');
    expect(textOf(await ask('acme/public'))).toMatch(/Too many lookups of untracked repos from this channel/);
    expect(textOf(await ask('acme/public', 'C2'))).toContain('ProcessGroupNCCL'); // another channel, its own budget
    expect(textOf(await ask('torch'))).not.toMatch(/Too many/); // tracked repos are not limited
  });
});
