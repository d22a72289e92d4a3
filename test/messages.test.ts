// Messages people read (issue 13): a summary first, every other item in the thread under it, once.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { templateRenderer } from '../src/platforms/registry.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories } from '../src/config/load.js';
import { notesReply } from '../src/chat/replies.js';
import { createDiscordChannelSender } from '../src/platforms/discord-channel/sender.js';
import { chatSurface } from '../src/platforms/chat-surfaces.js';
import { silentLogger } from '../src/log.js';
import { discordViolations } from '../src/platforms/discord/limits.js';
import { slackViolations } from '../src/platforms/slack/limits.js';
import { parseAndClassify } from '../src/notes.js';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { bigTorchNotes } from '../src/fakes/big-release.js';
import { config, pollAndDeliver, type Fakes } from './helpers/deliver.js';
import { tfNotes } from '../src/fakes/notes.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

const PT = 'pytorch/pytorch';
const TF = 'tensorflow/tensorflow';
type Payload = Record<string, unknown> & {
  blocks?: { type: string; text?: { text: string }; elements?: { text: string }[] }[];
  embeds?: { title?: string; description?: string; footer?: { text: string } }[];
  content?: string;
};

/** Every text a person sees in a payload, one string per block or embed part. */
function texts(p: Payload): string[] {
  if (p.blocks)
    return p.blocks.flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text)]).filter(Boolean);
  return [
    p.content ?? '',
    ...(p.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '']),
  ].filter(Boolean);
}
const lines = (p: Payload) => texts(p).join('\n').split('\n').length;
const chars = (p: Payload) => texts(p).join('\n').length;
/** Markers of the big release's items: "<area> path number <i> in <area>" plus the kind's verb. */
const occurrences = (all: string, re: RegExp) => (all.match(re) ?? []).length;

describe('messages people read', () => {
  let f: Fakes;
  let ts: TestStore;
  const urls: Record<string, string> = {};
  beforeEach(async () => {
    f = {
      gh: await new FakeGitHub().start(),
      slack: await new FakeSlack().start(),
      discord: await new FakeDiscord().start(),
    };
    for (const c of ['CALL', 'CDIST']) f.slack.channels.add(c);
    urls.HOOK = f.discord.addWebhook('301');
    urls.FORUM = f.discord.addWebhook('302');
    for (const r of [PT, TF]) f.gh.repos.set(r, []);
    ts = await sqliteStore();
  });
  afterEach(async () => {
    await ts.cleanup();
    await Promise.all([f.gh.close(), f.slack.close(), f.discord.close()]);
  });

  const cfg = (subscriptions: unknown[]) =>
    config(
      {
        repos: [PT, TF],
        destinations: [
          { name: 'all', type: 'slack', channel: 'CALL', token: '${SLACK_BOT_TOKEN}' },
          { name: 'dist', type: 'slack', channel: 'CDIST', token: '${SLACK_BOT_TOKEN}' },
          { name: 'hook', type: 'discord', webhook_url: '${HOOK}' },
          { name: 'forum', type: 'discord', webhook_url: '${FORUM}', forum: true },
        ],
        subscriptions,
      },
      { SLACK_BOT_TOKEN: 'xoxb-test-token', ...urls },
    );
  const dryRun = async (subscriptions: unknown[]) => {
    const { poll } = await pollAndDeliver(ts.store, f, cfg(subscriptions), { dryRun: true });
    return Object.fromEntries(poll.deliveries.map((d) => [d.destination, d.payloads as Payload[]]));
  };

  it('the first message is a summary: release and event linked, one line of counts per category by kind, highlights breaking first', async () => {
    f.gh.publish(PT, { tag_name: 'v2.10.0', body: bigTorchNotes('2.10.0') });
    const d = await dryRun([{ destination: 'all' }, { destination: 'hook' }]);
    const [summary] = d.all!;
    expect(summary!.blocks![0]!.text!.text).toBe(
      '*<https://github.com/pytorch/pytorch/releases/tag/v2.10.0|pytorch/pytorch v2.10.0>* · published',
    );
    const counts = summary!.blocks![1]!.text!.text.split('\n');
    expect(counts[0]).toBe(
      '*mobile*: 2 breaking · 2 deprecated · 30 new · 30 improved · 30 fixed · 30 faster · 30 documented',
    );
    expect(counts.map((l) => l.split('*')[1])).toEqual([
      'mobile',
      'distributed',
      'packaging',
      'windows',
      'quantization',
    ]);
    const highlights = summary!.blocks![2]!.text!.text.split('\n');
    // max_items (8 by default), fewer when 8 long ones would pass 2,000 characters; breaking changes first
    // (10 here), one from each category before a second from any.
    expect(highlights.length).toBeGreaterThanOrEqual(6);
    expect(highlights.length).toBeLessThanOrEqual(8);
    expect(highlights.every((h) => h.startsWith('• *Breaking* Removed the deprecated'))).toBe(true);
    expect(highlights.slice(0, 5).map((h) => /_(\w+)_$/.exec(h)![1])).toEqual([
      'mobile',
      'distributed',
      'packaging',
      'windows',
      'quantization',
    ]);
    expect(highlights[0]).toBe(
      '• *Breaking* Removed the deprecated ExecuTorch Android runtime path number 0 in mobile. (<https://github.com/pytorch/pytorch/pull/100004|#100004>) · _mobile_',
    ); // first sentence only, its PR link once, its category
    expect(JSON.stringify(summary!.blocks!.at(-1))).toContain('more in the thread');
    expect(lines(summary!)).toBeLessThanOrEqual(15);
    expect(chars(summary!)).toBeLessThanOrEqual(2000);
    const [discordSummary] = d.hook!;
    expect(discordSummary!.embeds).toHaveLength(1);
    expect(discordSummary!.embeds![0]!.title).toBe('pytorch/pytorch v2.10.0 · published');
    expect(discordSummary!.embeds![0]).toMatchObject({
      url: 'https://github.com/pytorch/pytorch/releases/tag/v2.10.0',
      color: 15548997,
    });
    expect(lines(discordSummary!)).toBeLessThanOrEqual(15);
    expect(chars(discordSummary!)).toBeLessThanOrEqual(2000);
  });

  it('every item is reachable in full exactly once, in the summary or the details (a highlight shown short is in the details too), grouped by category then kind; the last part links the release', async () => {
    f.gh.publish(PT, { tag_name: 'v2.10.0', body: bigTorchNotes('2.10.0') });
    const items = parseAndClassify(bigTorchNotes('2.10.0'), PT, new Classifier(builtinCategories())).filter(
      (i) => i.categories.length,
    );
    // max_parts raised: this release takes more than the default 50 messages on Discord (the cap is tested below).
    const d = await dryRun([
      { destination: 'all', max_parts: 500 },
      { destination: 'hook', max_parts: 500 },
    ]);
    for (const name of ['all', 'hook']) {
      const all = d[name]!.map((p) => texts(p).join('\n')).join('\n');
      for (const i of items) {
        const marker = /^(\w+ .*? path number \d+ in \w+)/.exec(i.text)![1]!.replace(/`/g, '');
        const escaped = marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        // In full (with its second sentence) once; a highlight shows its first sentence above (issue 25 point 2).
        const plain = all.replace(/`/g, '');
        expect(occurrences(plain, new RegExp(`${escaped}\\. With a second sentence`, 'g')), `${name}: ${marker}`).toBe(
          1,
        );
        expect(occurrences(plain, new RegExp(`${escaped}\\b`, 'g')), `${name}: ${marker}`).toBeLessThanOrEqual(2);
      }
    }
    const detailTitles = d
      .all!.slice(1)
      .flatMap((p) => p.blocks!.filter((b) => b.type === 'section').map((b) => b.text!.text.split('\n')[0]!))
      .filter((t) => !t.includes('(continued)'));
    expect(detailTitles.slice(0, 4)).toEqual([
      // The breaking highlights, shown short in the summary, in full (issue 25 point 2).
      '*mobile · Breaking changes (2)*',
      '*mobile · Deprecations (2)*',
      '*mobile · New features (30)*',
      '*mobile · Improvements (30)*',
    ]);
    expect(JSON.stringify(d.all!.at(-1)!.blocks!.at(-1))).toContain(
      '<https://github.com/pytorch/pytorch/releases/tag/v2.10.0|Full release notes on GitHub>',
    );
    expect(d.hook!.at(-1)!.embeds!.at(-1)!.description).toMatch(
      /\n\n\[Full release notes on GitHub\]\(<https:\/\/github\.com\/pytorch\/pytorch\/releases\/tag\/v2\.10\.0>\)$/,
    );
  });

  it('at most max_parts messages per delivery; the last says what is left per category, with the release link', async () => {
    f.gh.publish(PT, { tag_name: 'v2.10.0', body: bigTorchNotes('2.10.0') });
    const whole = await dryRun([
      { destination: 'all', max_parts: 500 },
      { destination: 'hook', max_parts: 500 },
    ]);
    const d = await dryRun([{ destination: 'all', max_parts: 5 }, { destination: 'hook' }]);
    expect(whole.hook!.length).toBeGreaterThan(50); // so the default cap applies to the Discord webhook
    expect(d.all).toHaveLength(5);
    expect(d.hook).toHaveLength(50);
    for (const [name, parts] of Object.entries(d)) {
      const last = texts(parts.at(-1)!).join('\n');
      const left = [...last.matchAll(/(\w+): (\d+) more/g)].map((m) => [m[1]!, Number(m[2])] as const);
      const total = Number(/(\d+) more items not shown here/.exec(last)?.[1]);
      expect(left.length, name).toBeGreaterThan(0);
      expect(
        left.reduce((n, [, k]) => n + k, 0),
        name,
      ).toBe(total);
      // What is shown plus what is counted as left is every item: nothing lost, nothing counted twice.
      // Each item once: a highlight shown short is in the details too.
      const shown = parts
        .map((p) => texts(p).join('\n'))
        .join('\n')
        .split('\n')
        .filter((l) => !l.includes('(shown short above)'))
        .join('\n')
        .match(/path number \d+ in \w+/g)!.length;
      const items = parseAndClassify(bigTorchNotes('2.10.0'), PT, new Classifier(builtinCategories())).filter(
        (i) => i.categories.length && !i.group,
      ).length;
      expect(shown + total, name).toBe(items);
      expect(last).toContain('Every item is in the release notes linked below');
      expect(JSON.stringify(parts.at(-1))).toContain('https://github.com/pytorch/pytorch/releases/tag/v2.10.0');
    }
    // Each part still within the platform's limits (the strict fakes would refuse it otherwise).
    for (const p of d.all!) expect(slackViolations(p as Record<string, unknown>)).toEqual([]);
    for (const p of d.hook!) expect(discordViolations(p as Record<string, unknown>)).toEqual([]);
  });

  it('an item in several categories appears once, under its first category, tagged with the others (issue 10 point 5)', async () => {
    f.gh.publish(TF, {
      tag_name: 'v2.20.0',
      body: tfNotes('2.20.0', ['*   `tf.lite`:', '    *   Added int8 quantization of `tf.lite` GRU kernels.']),
    });
    const d = await dryRun([{ destination: 'all', categories: ['mobile', 'quantization'], max_items: 0 }]);
    const all = d.all!.map((p) => texts(p).join('\n')).join('\n');
    expect(occurrences(all, /Added int8 quantization of/g)).toBe(1);
    expect(all).toMatch(/• Added int8 quantization of `tf\.lite` GRU kernels\. _\(also quantization\)_/);
    expect(all).toContain('*mobile · Improvements (2)*'); // under its first category
    expect(all).not.toContain('*quantization · ');
    // In the summary too.
    const summary = await dryRun([{ destination: 'dist', categories: ['mobile', 'quantization'] }]);
    expect(texts(summary.dist![0]!).join('\n')).toMatch(
      /Added int8 quantization of `tf\.lite` GRU kernels\. · _also quantization_/,
    );
  });

  it('per subscription: detail summary (the summary and the link only), max_items, changes', async () => {
    f.gh.publish(PT, { tag_name: 'v2.10.0', body: bigTorchNotes('2.10.0') });
    const d = await dryRun([
      { destination: 'all', detail: 'summary' },
      { destination: 'dist', categories: ['distributed'], max_items: 3, changes: ['fix'] },
    ]);
    expect(d.all).toHaveLength(1);
    expect(JSON.stringify(d.all![0]!.blocks!.at(-1))).toMatch(
      /more in the release notes · <https:\/\/github\.com\/pytorch\/pytorch\/releases\/tag\/v2\.10\.0\|Full release notes on GitHub>/,
    );
    const [summary, ...details] = d.dist!;
    expect(summary!.blocks![1]!.text!.text).toBe('*distributed*: 30 fixed');
    expect(summary!.blocks![2]!.text!.text.split('\n')).toHaveLength(3);
    const all = [summary!, ...details].map((p) => texts(p).join('\n')).join('\n');
    expect(
      occurrences(
        all
          .split('\n')
          .filter((l) => !l.includes('(shown short above)'))
          .join('\n'),
        /Fixed a crash in the/g,
      ),
    ).toBe(30);
    expect(all).not.toMatch(/Added a new|Removed the deprecated/);
  });

  it('edits: a summary of what was added, removed and reworded, the details in the thread', async () => {
    const before = [
      'Fixed a hang in `ProcessGroupNCCL` abort on shutdown (#1001)',
      'Dropped the old c10d store (#1002)',
      ...Array.from({ length: 12 }, (_, i) => `Fixed NCCL case ${i} (#${2000 + i})`),
    ];
    const body = (xs: string[]) =>
      ['# PyTorch 2.9.0 Release Notes', '# Bug fixes', '## Distributed', ...xs.map((x) => `- ${x}`)].join('\n');
    f.gh.publish(PT, { tag_name: 'v2.9.0', body: body(before) });
    await pollAndDeliver(ts.store, f, cfg([]));
    const after = [
      'Fixed a hang in `ProcessGroupNCCL` abort on shutdown and restart (#1001)',
      'Added FSDP2 prefetch (#1004)',
      ...before.slice(2),
      ...Array.from({ length: 10 }, (_, i) => `Fixed NCCL follow-up ${i} (#${3000 + i})`),
    ];
    f.gh.edit(PT, 'v2.9.0', body(after));
    const d = await dryRun([{ destination: 'all', max_items: 4 }]);
    const [summary, ...details] = d.all!;
    expect(summary!.blocks![0]!.text!.text).toContain('· notes edited');
    expect(summary!.blocks![1]!.text!.text).toBe('*distributed*: 11 added · 1 reworded · 1 removed');
    expect(summary!.blocks![2]!.text!.text.split('\n')).toHaveLength(4);
    const thread = details.map((p) => texts(p).join('\n')).join('\n');
    expect(thread).toContain('*distributed · Reworded (1)*');
    expect(thread).toContain('_(was: Fixed a hang in ProcessGroupNCCL abort on shutdown (#1001))_');
    expect(thread).toContain('*distributed · Removed (1)*\n• Dropped the old c10d store');
  });

  it('threads: Slack replies under the summary, a Discord forum post holds the details, a plain webhook follows up', async () => {
    f.gh.publish(PT, { tag_name: 'v2.10.0', body: bigTorchNotes('2.10.0', 12) });
    const { summaries } = await pollAndDeliver(
      ts.store,
      f,
      cfg([{ destination: 'dist', categories: ['distributed'] }, { destination: 'hook' }, { destination: 'forum' }]),
      { spacingMs: 20 },
    );
    expect(summaries.every((s) => s.failed === 0 && s.pending === 0)).toBe(true);
    const [parent, ...replies] = f.slack.messages;
    expect(parent!.thread_ts).toBeUndefined();
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) expect(r.thread_ts).toBe(parent!.ts);
    const forum = f.discord.messages.filter((m) => m.webhook === '302');
    expect(forum[0]!.threadName).toBe('pytorch/pytorch v2.10.0');
    expect(forum.length).toBeGreaterThan(1);
    for (const m of forum.slice(1)) expect(m.threadId).toBe(forum[0]!.channelId);
    const hook = f.discord.messages.filter((m) => m.webhook === '301');
    expect(hook.length).toBeGreaterThan(1);
    expect(hook.every((m) => !m.threadName && !m.threadId)).toBe(true);
  }, 30_000);

  it('a Discord bot opens a thread on its summary for the details; after a crash it finds the thread there', async () => {
    f.gh.publish(PT, { tag_name: 'v2.10.0', body: bigTorchNotes('2.10.0', 12) });
    const raw = {
      repos: [PT],
      destinations: [{ name: 'bot', type: 'discord-channel', channel_id: '900', token: '${DISCORD_BOT_TOKEN}' }],
      subscriptions: [{ destination: 'bot' }],
    };
    const c = config(raw, { DISCORD_BOT_TOKEN: f.discord.botToken });
    f.discord.faults.length = 0;
    await pollAndDeliver(ts.store, f, c);
    const [summary, ...rest] = f.discord.channelMessages;
    expect(summary!.channel).toBe('900');
    expect(f.discord.threads.get(summary!.id)).toEqual({ parent: '900', name: 'pytorch/pytorch v2.10.0' });
    expect(rest.length).toBeGreaterThan(1);
    for (const m of rest) {
      expect(m.channel).toBe(summary!.id); // in the thread
      expect(m.body).not.toHaveProperty('thread_name');
    }
    // A rerun after a crash (a new sender) finds the thread open: Discord answers 160004, the part goes in.
    const sender = await createDiscordChannelSender({
      channelId: '900',
      token: f.discord.botToken,
      apiUrl: f.discord.apiUrl,
      retry: { retries: 0, minDelayMs: 10 },
      logger: silentLogger,
    });
    await sender.send(
      { content: 'again', thread_name: 'pytorch/pytorch v2.10.0', allowed_mentions: { parse: [] } },
      { threadTs: summary!.id },
    );
    expect(f.discord.channelMessages.at(-1)).toMatchObject({ channel: summary!.id, body: { content: 'again' } });
  }, 30_000);

  it('templates of your own written for the old variables (chunks, summary, part) still get every item', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-oldtpl-'));
    mkdirSync(join(dir, 'slack'));
    writeFileSync(
      join(dir, 'slack', 'published.liquid'),
      '{"text": {{ summary | json }}, "blocks": [{"type":"context","elements":[{"type":"mrkdwn","text":{{ event.repo | append: " part " | append: part.number | json }}}]}{% for chunk in chunks %},{"type":"section","text":{"type":"mrkdwn","text":{{ chunk.title | append: "\\n" | append: chunk.text | json }}}}{% endfor %}]}',
    );
    f.gh.publish(PT, { tag_name: 'v2.10.0', body: bigTorchNotes('2.10.0', 12) });
    const { poll } = await pollAndDeliver(ts.store, f, cfg([{ destination: 'all' }]), { dryRun: true, templates: dir });
    const all = (poll.deliveries[0]!.payloads as Payload[]).map((p) => texts(p).join('\n')).join('\n');
    expect(occurrences(all, /Fixed a crash in the/g)).toBe(5 * 12);
    expect(all).toContain('mobile · 2 breaking · 2 deprecated · 12 new');
  });

  it('a highlight is one line: an item with a code block is listed whole in the details instead', () => {
    const body = [
      '# PyTorch 2.5.0 Release Notes',
      '# Backwards Incompatible Changes',
      '## Distributed',
      '- In 2.4 and before, users can do:',
      '  ```python',
      '  pg = ProcessGroup(store, rank, size)',
      '  ```',
      '- Removed `c10d.old_api` (#1)',
    ].join('\n');
    const items = parseAndClassify(body, PT, new Classifier(builtinCategories()));
    const notes = { repo: PT, tag: 'v2.5.0', name: null, url: null, prerelease: false, publishedAt: null, items };
    const [summary, ...details] = notesReply(templateRenderer(), chatSurface('slack')!, notes, [
      'distributed',
    ]) as Payload[];
    const first = texts(summary!).join('\n');
    expect(first).toContain('• *Breaking* Removed `c10d.old_api`');
    expect(first).not.toContain('users can do');
    const thread = details.map((p) => texts(p).join('\n')).join('\n');
    expect(thread).toContain('users can do');
    expect(thread).toContain('pg = ProcessGroup(store, rank, size)');
  });

  it('query answers: the summary first, then the details, at most 4 messages', () => {
    const items = parseAndClassify(bigTorchNotes('2.10.0'), PT, new Classifier(builtinCategories()));
    const notes = {
      repo: PT,
      tag: 'v2.10.0',
      name: null,
      url: 'https://github.com/pytorch/pytorch/releases/tag/v2.10.0',
      prerelease: false,
      publishedAt: null,
      items,
    };
    for (const platform of ['slack', 'discord'] as const) {
      const payloads = notesReply(templateRenderer(), chatSurface(platform)!, notes, [
        'distributed',
        'windows',
        'quantization',
      ]) as Payload[];
      expect(payloads).toHaveLength(4);
      const first = texts(payloads[0]!).join('\n');
      expect(first).toMatch(
        /distributed\**: 2 breaking · 2 deprecated · 30 new · 30 improved · 30 fixed · 30 faster · 30 documented/,
      );
      expect(lines(payloads[0]!)).toBeLessThanOrEqual(15);
      expect(texts(payloads.at(-1)!).join('\n')).toMatch(/more items? not shown here/);
    }
  });
});
