// Delivery end to end against the fake GitHub, Slack and Discord APIs, in-process (msw) with their wire formats.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { config, pollAndDeliver, type Fakes } from './helpers/deliver.js';
import { useMsw } from './helpers/msw.js';
import { tfNotes, torchNotes } from '../src/fakes/notes.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

const TF = 'tensorflow/tensorflow';
const PT = 'pytorch/pytorch';

const msw = useMsw();

describe('delivery', () => {
  let f: Fakes;
  let ts: TestStore;
  let discordUrl: string;
  beforeEach(async () => {
    f = { gh: new FakeGitHub(), slack: new FakeSlack(), discord: new FakeDiscord() };
    msw.use(f.gh, f.slack, f.discord);
    f.slack.channels.add('CINFRA');
    f.slack.channels.add('CMOBILE');
    discordUrl = f.discord.addWebhook('111');
    for (const r of [PT, TF]) f.gh.repos.set(r, []); // both exist, with no releases yet
    ts = await sqliteStore();
  });
  afterEach(async () => {
    await ts.cleanup();
    await Promise.all([f.gh.close(), f.slack.close(), f.discord.close()]);
  });

  const baseConfig = (subscriptions: unknown[], extra: Record<string, unknown> = {}) =>
    config(
      {
        repos: [PT, TF],
        destinations: [
          { name: 'ml-infra', type: 'slack', channel: 'CINFRA', token: '${SLACK_BOT_TOKEN}' },
          { name: 'mobile-slack', type: 'slack', channel: 'CMOBILE', token: '${SLACK_BOT_TOKEN}' },
          { name: 'mobile-team', type: 'discord', webhook_url: '${DISCORD_WEBHOOK_MOBILE}' },
        ],
        subscriptions,
        ...extra,
      },
      { SLACK_BOT_TOKEN: 'xoxb-test-token', DISCORD_WEBHOOK_MOBILE: discordUrl },
    );

  it('routes by repo, category, event type and pre-release flag, each destination at most once per event', async () => {
    const cfg = baseConfig([
      {
        destination: 'ml-infra',
        repos: [PT],
        categories: ['distributed', 'packaging'],
        events: ['published', 'promoted'],
      },
      { destination: 'ml-infra', repos: [PT], categories: ['distributed'] }, // overlaps: still one message
      { destination: 'mobile-team', categories: ['mobile'] },
      { destination: 'mobile-slack', categories: ['mobile'], prereleases: true },
    ]);
    f.gh.publish(PT, { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    f.gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
    await pollAndDeliver(ts.store, f, cfg);
    // PyTorch -> ml-infra only (no mobile items in it); TensorFlow (mobile items) -> both mobile destinations.
    expect(f.slack.messages.map((m) => [m.channel, m.text.split(':')[0]])).toEqual([
      ['CINFRA', 'pytorch/pytorch v2.9.0 published'],
      ['CMOBILE', 'tensorflow/tensorflow v2.20.0 published'],
    ]);
    const infra = f.slack.messages[0]!;
    const sections = infra.blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    expect(sections[1]).toBe('*distributed*: 1 fixed\n*packaging*: 1 new'); // one line of counts per category
    expect(f.discord.messages).toHaveLength(1);
    expect(f.discord.messages[0]!.embeds[0]!.description).toMatch(/^\*\*mobile\*\*: 1 improved\n/);

    // A pre-release goes only where prereleases: true; an edit only where `edited` is subscribed.
    f.gh.publish(TF, { tag_name: 'v2.21.0-rc0', body: tfNotes('2.21.0'), prerelease: true });
    f.gh.edit(
      PT,
      'v2.9.0',
      torchNotes('2.9.0', ['Fixed a hang in `ProcessGroupNCCL` abort (#1001)', 'Added FSDP2 prefetch (#1004)']),
    );
    await pollAndDeliver(ts.store, f, cfg);
    expect(f.slack.messages.slice(2).map((m) => [m.channel, m.text.split(':')[0]])).toEqual([
      ['CINFRA', 'pytorch/pytorch v2.9.0 notes edited'],
      ['CMOBILE', 'tensorflow/tensorflow v2.21.0-rc0 published'],
    ]);
    const edit = f.slack.messages[2]!.blocks.map((b) => b.text?.text ?? '').join('\n');
    expect(edit).toContain(
      '*<https://github.com/pytorch/pytorch/releases/tag/v2.9.0|pytorch/pytorch v2.9.0>* · notes edited\n*distributed*: 1 added\n',
    );
    expect(edit).toContain('• *Added* Added FSDP2 prefetch');
    expect(f.discord.messages).toHaveLength(1);
  });

  it('breaking_only keeps only breaking items, and sends nothing when there are none', async () => {
    const cfg = baseConfig([{ destination: 'ml-infra', breaking_only: true }]);
    f.gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
    await pollAndDeliver(ts.store, f, cfg);
    expect(f.slack.messages).toEqual([]);
    f.gh.publish(TF, {
      tag_name: 'v2.21.0',
      body: `# Release 2.21.0\n\n## Breaking Changes\n\n* Dropped the Windows wheels for Python 3.9.\n\n## Bug Fixes and Other Changes\n\n* Fixed a Windows path bug.`,
    });
    await pollAndDeliver(ts.store, f, cfg);
    const text = f.slack.messages.map((m) => m.blocks.map((b) => b.text?.text ?? '').join('\n')).join('\n');
    expect(text).toContain('• *Breaking* Dropped the Windows wheels for Python 3.9.');
    expect(text).not.toContain('Fixed a Windows path bug');
  });

  it('splits a long diff into parts within every limit: Slack threads them, Discord follows up; nothing is lost', async () => {
    const many = Array.from(
      { length: 260 },
      (_, i) =>
        `Fixed NCCL collective timeout case number ${i} in \`ProcessGroupNCCL\` with a long explanation of the failure mode (#${20000 + i})`,
    );
    f.gh.publish(PT, { tag_name: 'v2.9.0', body: torchNotes('2.9.0', many) });
    const cfg = baseConfig([
      { destination: 'ml-infra', categories: ['distributed'] },
      { destination: 'mobile-team', categories: ['distributed'] },
    ]);
    await pollAndDeliver(ts.store, f, cfg, { spacingMs: 50 });
    const slack = f.slack.messages;
    expect(slack.length).toBeGreaterThan(1);
    expect(slack[0]!.thread_ts).toBeUndefined();
    for (const m of slack.slice(1)) expect(m.thread_ts).toBe(slack[0]!.ts);
    for (const m of slack) {
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      for (const b of m.blocks) if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(3000);
    }
    const slackText = slack.map((m) => m.blocks.map((b) => b.text?.text ?? '').join('\n')).join('\n');
    for (let i = 0; i < 260; i++) expect(slackText).toContain(`case number ${i} in`);
    expect(JSON.stringify(slack.at(-1)!.blocks.at(-1))).toContain(
      '<https://github.com/pytorch/pytorch/releases/tag/v2.9.0|Full release notes on GitHub>',
    );

    const discord = f.discord.messages;
    expect(discord.length).toBeGreaterThan(5); // more than one rate-limit window of 5
    let total = 0;
    for (const m of discord) {
      expect(m.content.length).toBeLessThanOrEqual(2000);
      expect(m.embeds.length).toBeLessThanOrEqual(10);
      const size = m.embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0), 0);
      expect(size).toBeLessThanOrEqual(6000);
      for (const e of m.embeds) expect(e.description!.length).toBeLessThanOrEqual(4096);
      total += m.embeds.reduce((n, e) => n + (e.description!.match(/case number \d+ in/g)?.length ?? 0), 0);
    }
    expect(total).toBe(260);
    expect(discord.at(-1)!.embeds.at(-1)!.description).toMatch(
      /\n\n\[Full release notes on GitHub\]\(<https:\/\/github\.com\/pytorch\/pytorch\/releases\/tag\/v2\.9\.0>\)$/,
    );
    // A plain webhook cannot thread: the details follow the summary, numbered.
    expect(
      discord.slice(1).map((m) =>
        m.content
          .match(/details (\d+)\/(\d+)/)
          ?.slice(1)
          .join('/'),
      ),
    ).toEqual(discord.slice(1).map((_, i) => `${i + 2}/${discord.length}`));
  }, 60_000);

  it('release text cannot ping anyone on either platform', async () => {
    f.gh.publish(TF, {
      tag_name: 'v2.20.0',
      body: '# Release 2.20.0\n\n## Bug Fixes and Other Changes\n\n* `tf.lite`: hi @everyone and @here <!channel> <!here> <@U123ABC> <@&987654> <#C999> & more',
    });
    await pollAndDeliver(ts.store, f, baseConfig([{ destination: 'mobile-slack' }, { destination: 'mobile-team' }]));
    const slackText = JSON.stringify(f.slack.messages[0]!.blocks);
    expect(slackText).not.toMatch(/<!channel>|<!here>|<@U123ABC>|<@&987654>|<#C999>/);
    expect(slackText).toContain('&lt;!channel&gt;');
    expect(slackText).toContain('&amp; more');
    const d = f.discord.messages[0]!;
    expect(d.allowed_mentions).toEqual({ parse: [] });
    const desc = d.embeds[0]!.description!;
    expect(desc).not.toMatch(/@everyone|@here|<@U123ABC>|<@&987654>/);
    expect(desc).toContain('@\u200beveryone');
  });

  it('spaces messages to one Slack channel a second apart, so Slack never has to refuse one', async () => {
    f.gh.publish(PT, { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    f.gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
    f.slack.channels.add('CWEB');
    const webhook = f.slack.webhookUrl('hook1');
    const cfg = config(
      {
        repos: [PT, TF],
        destinations: [
          { name: 'ml-infra', type: 'slack', channel: 'CINFRA', token: '${SLACK_BOT_TOKEN}' },
          { name: 'web', type: 'slack-webhook', webhook_url: '${SLACK_WEBHOOK}' },
        ],
        subscriptions: [{ destination: 'ml-infra' }, { destination: 'web' }],
      },
      { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_WEBHOOK: webhook },
    );
    await pollAndDeliver(ts.store, f, cfg); // the default spacing
    const at = f.slack.messages.map((m) => m.at);
    expect(at).toHaveLength(2);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(f.slack.intervalMs);
    expect(f.slack.webhookMessages.get('T0000000/B0000000/hook1')).toHaveLength(2);
    expect(f.slack.rateLimited).toBe(0);
  });

  /** PyTorch v2.9.0 with 220 distributed items: three or more Slack parts. */
  const publishLongRelease = () => {
    const items = Array.from(
      { length: 220 },
      (_, i) => `Fixed NCCL timeout case ${i} in \`ProcessGroupNCCL\` when a rank aborts (#${30000 + i})`,
    );
    f.gh.publish(PT, { tag_name: 'v2.9.0', body: torchNotes('2.9.0', items) });
  };

  it('counts Slack spacing from the answer: parts after a slow first one meet no 429', async () => {
    publishLongRelease(); // Slack parts under distributed
    // The first message reaches Slack 0.4 s after it left (a slow link); Slack counts its second from then.
    f.slack.delays.push(400);
    const cfg = baseConfig([{ destination: 'ml-infra', categories: ['distributed'] }]);
    const { summaries } = await pollAndDeliver(ts.store, f, cfg); // the default spacing
    expect(f.slack.messages.length).toBeGreaterThanOrEqual(3);
    expect(f.slack.rateLimited).toBe(0);
    expect(summaries).toMatchObject([{ destination: 'ml-infra', retried: 0, failed: 0, pending: 0 }]);
  }, 30_000);

  it('starts the destination with the most messages first (it ends last under the rate limits)', async () => {
    publishLongRelease(); // Slack parts under distributed
    // Planned in the config's order: ml-infra's one message first, then mobile-slack's parts.
    const cfg = baseConfig([
      { destination: 'ml-infra', categories: ['packaging'] },
      { destination: 'mobile-slack', categories: ['distributed'] },
    ]);
    await pollAndDeliver(ts.store, f, cfg, { spacingMs: 10 });
    const channels = f.slack.messages.map((m) => m.channel);
    expect(channels.filter((c) => c === 'CINFRA')).toHaveLength(1);
    expect(channels.filter((c) => c === 'CMOBILE').length).toBeGreaterThan(1);
    expect(channels[0]).toBe('CMOBILE');
  }, 30_000);

  it('waits out 429s (Slack Retry-After, Discord retry_after) and loses nothing', async () => {
    f.discord.limit = 2;
    f.gh.publish(PT, { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    f.gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
    const cfg = baseConfig([{ destination: 'ml-infra' }, { destination: 'mobile-team' }]);
    // Our queue sends faster than the fake allows, so Slack answers 429 and the client must wait.
    const { summaries } = await pollAndDeliver(ts.store, f, cfg, { spacingMs: 10 });
    expect(f.slack.rateLimited).toBeGreaterThan(0);
    expect(f.slack.messages).toHaveLength(2);
    expect(f.discord.messages).toHaveLength(2);
    const infra = summaries.find((s) => s.destination === 'ml-infra')!;
    expect(infra).toMatchObject({ sent: 2, failed: 0, pending: 0 });
    expect(infra.retried).toBeGreaterThan(0);
    expect((await ts.store.outbox.list()).every((d) => d.status === 'sent')).toBe(true);
  }, 30_000);

  it('a broken destination is reported and does not block the others; 5xx stays pending for the next run', async () => {
    f.slack.channels.delete('CMOBILE'); // channel_not_found
    f.discord.webhooks.clear(); // 404 Unknown Webhook
    f.gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
    const cfg = baseConfig([
      { destination: 'ml-infra' },
      { destination: 'mobile-slack' },
      { destination: 'mobile-team' },
    ]);
    f.slack.channelFaults.set('CINFRA', [503, 503, 503, 503]); // ml-infra: 5xx on the first try and all 3 retries
    const { summaries } = await pollAndDeliver(ts.store, f, cfg, { spacingMs: 10 });
    const by = Object.fromEntries(summaries.map((s) => [s.destination, s]));
    expect(by['mobile-slack']).toMatchObject({ sent: 0, failed: 1 });
    expect(by['mobile-slack']!.errors.join()).toContain('broken: Slack answered channel_not_found');
    expect(by['mobile-team']).toMatchObject({ sent: 0, failed: 1 });
    expect(by['mobile-team']!.errors.join()).toMatch(/broken: Discord answered 404/);
    expect(by['ml-infra']).toMatchObject({ sent: 0, pending: 1 });
    expect(JSON.stringify(summaries)).not.toMatch(/xoxb-test-token|tok-111/); // errors never carry secrets
    // Next run: the pending message goes out; the broken ones are not retried.
    const next = await pollAndDeliver(ts.store, f, cfg, { spacingMs: 10 });
    expect(next.summaries.map((s) => [s.destination, s.sent])).toEqual([['ml-infra', 1]]);
    expect(f.slack.messages.map((m) => m.channel)).toEqual(['CINFRA']);
  }, 30_000);

  it('a message the platform rejects (invalid_blocks / 400) is marked failed; the rest go on', async () => {
    f.gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
    f.gh.publish(PT, { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    const cfg = baseConfig([{ destination: 'ml-infra' }]);
    const first = await pollAndDeliver(ts.store, f, cfg, { dryRun: false, spacingMs: 10 });
    expect(first.summaries[0]).toMatchObject({ sent: 2 });
    // A new event whose outbox row the platform will refuse (51 blocks), as if written by an older template.
    f.gh.edit(TF, 'v2.20.0', tfNotes('2.20.0', ['*   `tf.distribute`: a new item']));
    const { poll } = await pollAndDeliver(ts.store, f, cfg, { dryRun: true });
    expect(poll.deliveries).toHaveLength(1);
    const row = {
      ...poll.deliveries[0]!,
      payloads: [
        { ...poll.deliveries[0]!.payloads[0], blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) },
      ],
    };
    await ts.store.applyRepoPlan(
      TF,
      { releases: [], revisions: [], deleted: [], events: poll.events },
      null,
      new Date().toISOString(),
      [row],
    );
    const r = await pollAndDeliver(ts.store, f, cfg, { spacingMs: 10 });
    expect(r.summaries[0]).toMatchObject({ failed: 1 });
    expect(r.summaries[0]!.errors.join()).toContain('rejected: Slack answered invalid_blocks');
  });

  it('a user template overrides ours file by file; a broken one is a clear error before anything is sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-tpl-'));
    mkdirSync(join(dir, 'slack'));
    writeFileSync(
      join(dir, 'slack', 'published.liquid'),
      '{"text": {{ "NEW " | append: event.tag | json }}, "blocks": []}',
    );
    f.gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
    await pollAndDeliver(ts.store, f, baseConfig([{ destination: 'ml-infra' }, { destination: 'mobile-team' }]), {
      templates: dir,
    });
    expect(f.slack.messages[0]!.text).toBe('NEW v2.20.0');
    expect(f.discord.messages[0]!.embeds.length).toBeGreaterThan(0); // discord template still ours

    writeFileSync(join(dir, 'slack', 'published.liquid'), '{"text": {{ event.tag }} }'); // not JSON: tag unquoted
    f.gh.publish(TF, { tag_name: 'v2.21.0', body: tfNotes('2.21.0') });
    await expect(
      pollAndDeliver(ts.store, f, baseConfig([{ destination: 'ml-infra' }]), { templates: dir }),
    ).rejects.toThrow(/template slack\/published.liquid: rendered invalid JSON/);
    writeFileSync(
      join(dir, 'slack', 'published.liquid'),
      `{"text": "x", "blocks": [${Array.from({ length: 51 }, () => '{"type":"divider"}').join(',')}]}`,
    );
    await expect(
      pollAndDeliver(ts.store, f, baseConfig([{ destination: 'ml-infra' }]), { templates: dir }),
    ).rejects.toThrow(
      /template slack\/published.liquid: rendered a message over the platform limits: 51 blocks \(Slack allows 50\)/,
    );
    expect(f.slack.messages).toHaveLength(1);
  });

  it('a Slack incoming webhook gets the parts one after the other (webhooks cannot thread); 404 marks it broken', async () => {
    const many = Array.from(
      { length: 260 },
      (_, i) =>
        `Fixed NCCL collective timeout case number ${i} in \`ProcessGroupNCCL\` with a long explanation of the failure mode (#${20000 + i})`,
    );
    f.gh.publish(PT, { tag_name: 'v2.9.0', body: torchNotes('2.9.0', many) });
    const hook = f.slack.webhookUrl('hook1');
    const cfg = config(
      {
        repos: [PT, TF],
        destinations: [
          { name: 'hook', type: 'slack-webhook', webhook_url: '${SLACK_WEBHOOK_URL}' },
          {
            name: 'gone',
            type: 'slack-webhook',
            webhook_url: 'https://hooks.slack.com/services/T0000000/B0000000/gone',
          },
        ],
        subscriptions: [{ destination: 'hook', categories: ['distributed'] }, { destination: 'gone' }],
      },
      { SLACK_WEBHOOK_URL: hook },
    );
    const { summaries } = await pollAndDeliver(ts.store, f, cfg, { spacingMs: 50 });
    const got = f.slack.webhookMessages.get('T0000000/B0000000/hook1')!;
    expect(got.length).toBeGreaterThan(1);
    expect(got.every((m) => !('thread_ts' in m))).toBe(true);
    const text = JSON.stringify(got);
    for (let i = 0; i < 260; i++) expect(text).toContain(`case number ${i} in`);
    const gone = summaries.find((s) => s.destination === 'gone')!;
    expect(gone).toMatchObject({ sent: 0, pending: 0 });
    expect(gone.failed).toBe((await ts.store.outbox.list({ destination: 'gone' })).length); // every part: broken, not retried
    expect(summaries.find((s) => s.destination === 'gone')!.errors.join()).toContain(
      'broken: Slack webhook answered 404',
    );
  }, 30_000);

  it('never sends a delivery twice: a second run over the same state sends nothing', async () => {
    f.gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
    const cfg = baseConfig([{ destination: 'ml-infra' }, { destination: 'mobile-team' }]);
    await pollAndDeliver(ts.store, f, cfg);
    await pollAndDeliver(ts.store, f, cfg);
    expect(f.slack.messages).toHaveLength(1);
    expect(f.discord.messages).toHaveLength(1);
  });
});
