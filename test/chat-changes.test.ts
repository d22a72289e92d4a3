// Issue 22, point 9: chat subscriptions have the `changes` filter config subscriptions have.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templateRenderer } from '../src/platforms/registry.js';
import { Classifier } from '../src/classify/classifier.js';
import { handleCommand } from '../src/chat/handler.js';
import { contextFromConfig, parseCommandText } from '../src/chat/commands.js';
import { silentLogger } from '../src/log.js';
import { closeFakes, config, pollAndDeliver, startFakes, type Fakes } from './helpers/deliver.js';
import { STORE_KINDS, type TestStore } from './helpers/stores.js';

const PT = 'pytorch/pytorch';
const BODY = [
  '# PyTorch 2.9.0 Release Notes',
  '# Backwards Incompatible Changes',
  '## Distributed',
  '- Removed the deprecated `ProcessGroupGloo` timeout argument (#2001)',
  '# New Features',
  '## Distributed',
  '- Added a `ProcessGroupNCCL` health check (#2002)',
  '# Bug fixes',
  '## Distributed',
  '- Fixed a hang in `ProcessGroupNCCL` abort (#2003)',
].join('\n');

describe.each(STORE_KINDS)('chat subscriptions with --changes (%s store)', (_kind, makeStore) => {
  let f: Fakes;
  let ts: TestStore;
  beforeEach(async () => {
    [f, ts] = await Promise.all([startFakes(['CBREAK']), makeStore()]);
  });
  afterEach(async () => {
    await ts.cleanup();
    await closeFakes(f);
  });

  it('are stored, listed, and deliver only those kinds of change', async () => {
    const cfg = config({ repos: [{ name: PT, aliases: ['torch'] }] });
    const deps = {
      store: ts.store,
      config: cfg,
      classifier: new Classifier(cfg.resolvedCategories),
      renderer: templateRenderer(),
      logger: silentLogger,
      tokens: { slack: 'xoxb-test-token' },
    };
    const ctx = contextFromConfig(cfg.repos, Object.keys(cfg.resolvedCategories));
    const say = async (text: string) =>
      JSON.stringify(
        (
          await handleCommand(deps, {
            platform: 'slack',
            channelId: 'CBREAK',
            userId: 'U1',
            command: parseCommandText(text, ctx),
          })
        ).payloads,
      );
    expect(await say('subscribe torch distributed --changes breaking,feature')).toContain(
      'Subscribed this channel to pytorch/pytorch: distributed (only breaking, feature)',
    );
    expect(await say('list')).toContain('pytorch/pytorch: distributed (only breaking, feature)');
    expect((await ts.store.chatSubscriptions.list())[0]).toMatchObject({ changes: ['breaking', 'feature'] });

    f.gh.publish(PT, { tag_name: 'v2.9.0', body: BODY });
    await pollAndDeliver(ts.store, f, cfg, { spacingMs: 5 });
    const sent = JSON.stringify(f.slack.messages.filter((m) => m.channel === 'CBREAK'));
    expect(sent).toContain('ProcessGroupGloo');
    expect(sent).toContain('health check');
    expect(sent).not.toContain('Fixed a hang');
  });
});
