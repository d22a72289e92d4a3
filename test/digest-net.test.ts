// A digest shows each release's net change over its window: what was added and removed inside the window
// is not there, and a reworded item appears once, in its latest wording.
import { GITHUB_COM } from '../src/domain/github-links.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeOrder, windowInputs } from '../src/digest/net-change.js';
import { buildDigestModel } from '../src/render/message-model.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { tfNotes } from '../src/fakes/notes.js';
import { poll } from './helpers/poll.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

const TF = 'tensorflow/tensorflow';
const UINT4 = '*   Adds support for uint4 type in `tf.lite` quantization.';
const window = { start: '2000-01-01T00:00:00.000Z', end: '2100-01-01T00:00:00.000Z' };

describe('digest net change', () => {
  let gh: FakeGitHub;
  let ts: TestStore;
  beforeEach(async () => {
    gh = await new FakeGitHub().start();
    ts = await sqliteStore();
  });
  afterEach(async () => {
    await ts.cleanup();
    await gh.close();
  });

  const model = async (afterSeq = 0) => {
    const events = (await ts.store.events({ afterSeq })).map((e) => e.event);
    return buildDigestModel(windowInputs(events, {}, GITHUB_COM), { name: 'weekly', window });
  };
  const lines = (m: Awaited<ReturnType<typeof model>>) =>
    m.releases.flatMap((r) => r.sections.flatMap((s) => s.items.map((i) => `${s.category} ${i.status} ${i.text}`)));

  it('an item published then removed inside the window does not appear; a reworded one appears once, reworded', async () => {
    gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0', [UINT4]) });
    await poll(ts.store, gh);
    gh.edit(
      TF,
      'v2.0.0',
      tfNotes('2.0.0').replace(
        'now recovers from worker preemption',
        'now recovers from worker preemption and restarts',
      ),
    );
    await poll(ts.store, gh);
    const got = lines(await model());
    expect(got.filter((l) => l.includes('uint4'))).toEqual([]);
    const mwms = got.filter((l) => l.includes('MultiWorkerMirroredStrategy'));
    expect(mwms).toEqual([
      'distributed new MultiWorkerMirroredStrategy now recovers from worker preemption and restarts.',
    ]);
  });

  it('edits of a release published before the window: net added, removed and changed, each once', async () => {
    gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    await poll(ts.store, gh);
    const seq = (await ts.store.events()).at(-1)!.seq;
    // Edit 1 adds uint4 and rewords MWMS; edit 2 removes uint4 again and rewords MWMS once more.
    gh.edit(
      TF,
      'v2.0.0',
      tfNotes('2.0.0', [UINT4]).replace('from worker preemption', 'from worker preemption quickly'),
    );
    await poll(ts.store, gh);
    gh.edit(
      TF,
      'v2.0.0',
      tfNotes('2.0.0')
        .replace('from worker preemption', 'from worker preemption quickly and safely')
        .replace(/\r\n\* {3}Windows: fixed DLL search paths for CUDA libraries\.$/, ''),
    );
    await poll(ts.store, gh);
    const m = await model(seq);
    const got = lines(m);
    expect(got.filter((l) => l.includes('uint4'))).toEqual([]);
    expect(got.filter((l) => l.includes('MultiWorkerMirroredStrategy'))).toEqual([
      'distributed changed MultiWorkerMirroredStrategy now recovers from worker preemption quickly and safely.',
    ]);
    // "was": the wording before the window, not the one in between.
    const reworded = m.releases[0]!.sections.flatMap((s) => s.items).find((i) => i.status === 'changed')!;
    expect(reworded.previous).toBe('MultiWorkerMirroredStrategy now recovers from worker preemption.');
    expect(got.filter((l) => l.includes('DLL'))).toEqual([
      'windows removed Windows: fixed DLL search paths for CUDA libraries.',
    ]);
  });
});

describe('digest category order', () => {
  it('follows the order the events carry (config order), also for a category first seen in a later event', () => {
    expect(mergeOrder(['distributed'], ['mobile', 'distributed'])).toEqual(['mobile', 'distributed']);
    expect(mergeOrder(['mobile', 'windows'], ['mobile', 'packaging', 'windows'])).toEqual([
      'mobile',
      'packaging',
      'windows',
    ]);
    expect(mergeOrder(['mobile'], ['quantization'])).toEqual(['mobile', 'quantization']);
    expect(mergeOrder([], ['a', 'b'])).toEqual(['a', 'b']);
  });
});
