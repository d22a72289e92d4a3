// The digest email and a chat message render one message model: for the same release they list the same
// items, in the same order, under the same categories (issue 9, "templates get their own input model").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templateRenderer } from '../src/platforms/registry.js';
import { createSmtpTransport } from '../src/cli/context.js';
import { runDigests } from '../src/digest/run-digest.js';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { FakeSmtp } from '../src/fakes/smtp.js';
import { silentLogger } from '../src/log.js';
import { config, pollAndDeliver, type Fakes } from './helpers/deliver.js';
import { poll } from './helpers/poll.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

const PT = 'pytorch/pytorch';
// Every item carries a marker [Rnn]; R03 and R05 are in two categories each, and the digest lists its
// categories in another order than the configuration has them.
const NOTES = [
  '# PyTorch 2.9.0 Release Notes',
  '# Backwards Incompatible Changes',
  '## Distributed',
  '- Removed the `init_method` default for `init_process_group` [R01] (#2001)',
  '# Deprecations',
  '## Quantization',
  '- `torch.ao.quantization.quantize_fx` is deprecated in favour of PT2E [R02] (#2002)',
  '# New Features',
  '## Quantization',
  '- Added int4 weight-only quantization for `torch.distributed` FSDP shards [R03] (#2003)',
  '## Distributed',
  '- Added FSDP2 prefetch of the next layer [R04] (#2004)',
  '## Mobile',
  '- ExecuTorch: export a quantized model to Android with the XNNPACK delegate [R05] (#2005)',
  '# Improvements',
  '## Distributed',
  '- Faster `all_reduce` for small tensors [R06] (#2006)',
  '- c10d:',
  '  - `ProcessGroupNCCL` aborts faster [R07] (#2007)',
  '  - `DeviceMesh` can be sliced by name [R08] (#2008)',
  '# Bug fixes',
  '## Distributed',
  '- Fixed a hang in `ProcessGroupNCCL` abort [R09] (#2009)',
  '## Quantization',
  '- Fixed wrong scales in per-channel qconv [R10] (#2010)',
  '## Mobile',
  '- Fixed ExecuTorch export on iOS [R11] (#2011)',
].join('\n');
const CATEGORIES = ['quantization', 'distributed', 'mobile'];

type Payload = { blocks?: { text?: { text: string } }[] };

/** [category, marker] of every item line of a Slack message, in order: the detail chunks are titled "category · kind (n)". */
function messageItems(payloads: Payload[]): string[][] {
  const out: string[][] = [];
  for (const b of payloads.flatMap((p) => p.blocks ?? [])) {
    const [title = '', ...lines] = (b.text?.text ?? '').split('\n');
    const category = /^\*([\w-]+) · /.exec(title)?.[1];
    if (!category) continue;
    for (const l of lines) {
      const m = /\[(R\d+)\]/.exec(l);
      if (m) out.push([category, m[1]!]);
    }
  }
  return out;
}

/** [category, marker] of every item line of the digest's text part, in order ("-- category (n)" heads each list). */
function digestItems(text: string): string[][] {
  const out: string[][] = [];
  let category: string | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('== ')) category = null;
    const head = /^-- ([\w-]+) \(/.exec(line);
    if (head) category = head[1]!;
    const m = /^\* .*?\[(R\d+)\]/.exec(line);
    if (m && category) out.push([category, m[1]!]);
  }
  return out;
}

describe('the digest and a chat message of the same release', () => {
  let f: Fakes;
  let smtp: FakeSmtp;
  let ts: TestStore;
  beforeEach(async () => {
    [f, smtp] = await Promise.all([
      (async () => ({
        gh: await new FakeGitHub().start(),
        slack: await new FakeSlack().start(),
        discord: await new FakeDiscord().start(),
      }))(),
      new FakeSmtp().start(),
    ]);
    f.slack.channels.add('CML');
    ts = await sqliteStore();
  });
  afterEach(async () => {
    await ts.cleanup();
    await Promise.all([f.gh.close(), f.slack.close(), f.discord.close(), smtp.close()]);
  });

  const cfg = config(
    {
      repos: [PT],
      destinations: [{ name: 'ml', type: 'slack', channel: 'CML', token: '${SLACK_BOT_TOKEN}' }],
      // max_items 0: no highlights, so the thread lists every item, as the digest does.
      subscriptions: [{ destination: 'ml', categories: CATEGORIES, max_items: 0, events: ['published', 'edited'] }],
      digests: [{ name: 'weekly', to: ['ml-team@example.com'], categories: CATEGORIES }],
      email: { from: 'release-radar <bot@example.com>' },
    },
    { SLACK_BOT_TOKEN: 'xoxb-test-token' },
  );

  /** The message the poll would post for what changed on GitHub; then the poll that stores it. */
  async function message(): Promise<string[][]> {
    const { poll: dry } = await pollAndDeliver(ts.store, f, cfg, { dryRun: true });
    expect(dry.deliveries).toHaveLength(1);
    await poll(ts.store, f.gh, { repos: [PT] });
    return messageItems(dry.deliveries[0]!.payloads as Payload[]);
  }

  async function digest(): Promise<string[][]> {
    const transport = await createSmtpTransport(smtp.url);
    try {
      const [r] = await runDigests(
        { store: ts.store, config: cfg, renderer: templateRenderer(), transport, logger: silentLogger },
        { dryRun: false },
      );
      expect(r!.status).toBe('sent');
    } finally {
      transport.close();
    }
    return digestItems(smtp.received.at(-1)!.mail.text!);
  }

  it('lists the same items in the same order under the same categories, published and edited', async () => {
    f.gh.publish(PT, { tag_name: 'v2.9.0', body: NOTES });
    const published = await message();
    // The configuration's category order; each item once, under its first category; breaking first.
    expect(published).toEqual([
      ['mobile', 'R05'],
      ['mobile', 'R11'],
      ['distributed', 'R01'],
      ['distributed', 'R03'],
      ['distributed', 'R04'],
      ['distributed', 'R08'],
      ['distributed', 'R09'],
      // "Faster …" under "Improvements" is performance by its words: after the fixes
      ['distributed', 'R06'],
      ['distributed', 'R07'],
      ['quantization', 'R02'],
      ['quantization', 'R10'],
    ]);
    expect(await digest()).toEqual(published);

    // An edit: one item added, one reworded, one removed; the next digest holds only the edit.
    f.gh.edit(
      PT,
      'v2.9.0',
      NOTES.replace('Faster `all_reduce` for small tensors', 'Much faster `all_reduce` for small tensors on NVLink')
        .replace(/\n- Fixed wrong scales in per-channel qconv \[R10\] \(#2010\)/, '')
        .replace(
          '# Bug fixes\n## Distributed\n',
          '# Bug fixes\n## Distributed\n- Fixed a leak in `DeviceMesh` [R12] (#2012)\n',
        ),
    );
    const edited = await message();
    expect(edited.map(([, r]) => r).sort()).toEqual(['R06', 'R10', 'R12']);
    expect(await digest()).toEqual(edited);
  });
});
