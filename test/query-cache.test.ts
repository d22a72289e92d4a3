// Issue 22, point 8: a query answer is rendered once per release revision and cached (forty asks of a
// 9,000-item release blocked serve's event loop); an edit of the release is a new answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templateRenderer } from '../src/platforms/registry.js';
import { Classifier } from '../src/classify/classifier.js';
import { contextFromConfig, parseCommandText } from '../src/chat/commands.js';
import { handleCommand, type ChatDeps } from '../src/chat/handler.js';
import { validateConfig } from '../src/config/load.js';
import { releaseKey, bodyHash } from '../src/diff/plan.js';
import { bigTorchNotes } from '../src/fakes/big-release.js';
import { silentLogger } from '../src/log.js';
import { parseAndClassify } from '../src/notes.js';
import type { Store } from '../src/store/store.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

const PT = 'pytorch/pytorch';

describe('query answers', () => {
  let ts: TestStore;
  beforeEach(async () => {
    ts = await sqliteStore();
  });
  afterEach(() => ts.cleanup());

  it('are rendered once per release revision, whoever asks; an edit renders again', async () => {
    const config = validateConfig({ repos: [{ name: PT, aliases: ['torch'] }] }, 'q.yaml', {});
    const classifier = new Classifier(config.resolvedCategories);
    const record = async (body: string) =>
      ts.store.recordRelease(
        {
          key: releaseKey(PT, '1'),
          repo: PT,
          githubId: '1',
          tag: 'v2.10.0',
          name: null,
          prerelease: false,
          createdAt: null,
          publishedAt: '2026-01-01T00:00:00Z',
          url: `https://github.com/${PT}/releases/tag/v2.10.0`,
          bodyHash: bodyHash(body),
        },
        parseAndClassify(body, PT, classifier),
        body,
        new Date().toISOString(),
      );
    await record(bigTorchNotes('2.10.0', 100));
    // The store, counting what a rendering starts with: loading the release's items.
    let loads = 0;
    const store = Object.create(ts.store, {
      releaseItems: { value: (...a: Parameters<Store['releaseItems']>) => (loads++, ts.store.releaseItems(...a)) },
    }) as Store;
    const deps: ChatDeps = { store, config, classifier, renderer: templateRenderer(), logger: silentLogger };
    const ctx = contextFromConfig(config.repos, Object.keys(config.resolvedCategories));
    const ask = (text: string, channelId = 'C1', platform: 'slack' | 'discord' = 'slack') =>
      handleCommand(deps, { platform, channelId, userId: 'U1', command: parseCommandText(text, ctx) });

    const answers = await Promise.all(['C1', 'C2', 'C3', 'C4', 'C5'].map((c) => ask('torch', c)));
    expect(loads).toBe(1); // five at once: one rendering
    for (const a of answers) expect(a.payloads).toBe(answers[0]!.payloads);
    expect(answers[0]!.payloads.length).toBeLessThanOrEqual(4);
    expect((await ask('pytorch/pytorch --public')).payloads).toBe(answers[0]!.payloads); // same release, same answer
    expect((await ask('torch windows')).payloads).not.toBe(answers[0]!.payloads); // another answer…
    expect((await ask('torch', 'C9', 'discord')).payloads).not.toBe(answers[0]!.payloads);
    expect(loads).toBe(1); // …from the same loaded notes

    await record(bigTorchNotes('2.10.0', 101)); // edited on GitHub: a new revision
    const edited = await ask('torch');
    expect(edited.payloads).not.toBe(answers[0]!.payloads);
    expect(loads).toBe(2);
  });
});
