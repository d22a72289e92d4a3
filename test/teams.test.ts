// Microsoft Teams through a Workflows webhook, end to end against the fake flow (src/fakes/teams.ts, which
// enforces Teams' 28 KB limit, the Adaptive Card shape and 429 with Retry-After): one summary card by default,
// the details as more cards with `detail: full`, release text escaped, the flow's signature never shown.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bigTorchNotes } from '../src/fakes/big-release.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeTeams, TEAMS_MAX_BYTES } from '../src/fakes/teams.js';
import { teamsMdToHtml } from '../src/platforms/teams/preview.js';
import { runCli } from './helpers/cli.js';

const PT = 'pytorch/pytorch';
type Block = { type: string; text?: string };
const cardText = (card: { body: unknown[] }) => (card.body as Block[]).map((b) => b.text ?? '').join('\n');

describe('Teams destinations', () => {
  let gh: FakeGitHub;
  let fake: FakeTeams;
  let dir: string;
  let flowUrl: string;
  beforeEach(async () => {
    [gh, fake] = await Promise.all([new FakeGitHub().start(), new FakeTeams().start()]);
    flowUrl = fake.addFlow('f0a1b2c3d4e5f60718293a4b5c6d7e8f');
    dir = mkdtempSync(join(tmpdir(), 'rr-teams-'));
  });
  afterEach(async () => {
    await Promise.all([gh.close(), fake.close()]);
  });

  async function poll(destination: string, extra: string[] = []) {
    writeFileSync(
      join(dir, 'c.yaml'),
      [
        `repos: [${PT}]`,
        'destinations:',
        `  - { name: ml-teams, type: teams, webhook_url: "\${TEAMS_WEBHOOK_URL}"${destination} }`,
        'subscriptions: [{ destination: ml-teams }]',
      ].join('\n'),
    );
    const env = { GITHUB_API_URL: gh.url, TEAMS_WEBHOOK_URL: flowUrl, LOG_LEVEL: 'silent' };
    return runCli(['poll', '--config', join(dir, 'c.yaml'), '--db', join(dir, 'd.db'), ...extra], { env });
  }

  it('posts one summary card by default: counts, highlights, a button to the notes', async () => {
    gh.publish(PT, { tag_name: 'v2.10.0', body: bigTorchNotes('2.10.0') });
    const r = await poll('');
    expect(r.code, r.err).toBe(0);
    expect(fake.messages).toHaveLength(1);
    const card = fake.messages[0]!.card as { body: Block[]; actions: { type: string; url: string }[] };
    const text = cardText(card);
    expect(text).toContain('pytorch/pytorch v2.10.0');
    expect(text).toMatch(/\*\*distributed\*\*: /);
    expect(text).toMatch(/more in the release notes/);
    // Teams reads TextBlocks as CommonMark: each category's line is a paragraph of its own.
    expect(text).toMatch(/\*\*mobile\*\*: [^\n]+\n\n\*\*distributed\*\*: /);
    expect(card.actions).toEqual([
      expect.objectContaining({
        type: 'Action.OpenUrl',
        url: 'https://github.com/pytorch/pytorch/releases/tag/v2.10.0',
      }),
    ]);
  });

  it('with detail: full, every item follows in more cards, each under 28 KB; 429s are waited out', async () => {
    gh.publish(PT, { tag_name: 'v2.10.0', body: bigTorchNotes('2.10.0', 6) });
    fake.limit = 2; // the flow takes 2 posts a second: the rest answer 429 with Retry-After
    const r = await poll(', detail: full');
    expect(r.code, r.err).toBe(0);
    expect(fake.messages.length).toBeGreaterThan(2);
    expect(fake.rateLimited).toBeGreaterThan(0);
    for (const m of fake.messages) expect(m.bytes).toBeLessThanOrEqual(TEAMS_MAX_BYTES);
    const all = fake.messages.map((m) => cardText(m.card)).join('\n');
    // Every item of the notes is in some card, by its title (the first sentence of each bullet).
    const items = bigTorchNotes('2.10.0', 6)
      .split('\n')
      .filter((l) => l.startsWith('- '));
    expect(items.length).toBeGreaterThan(50);
    const shown = all.replace(/\\/g, '');
    for (const line of items) expect(shown).toContain(line.slice(2).split('. ')[0]!.replace(/`/g, ''));
  });

  it('notes in a 3-byte script still fit 28 KB a card', async () => {
    // 400 bullets of Chinese: three bytes per character in UTF-8, where the budgets count characters.
    const bullets = Array.from(
      { length: 400 },
      (_, i) =>
        `- 修复了分布式训练中的一个问题，该问题会导致在多个节点上运行时出现死锁和内存泄漏的情况，编号${i}。 (#${20000 + i})`,
    );
    gh.publish(PT, { tag_name: 'v2.10.0', body: `## Distributed\n${bullets.join('\n')}` });
    const r = await poll(', detail: full');
    expect(r.code, r.err).toBe(0);
    expect(fake.messages.length).toBeGreaterThan(2);
    for (const m of fake.messages) expect(m.bytes).toBeLessThanOrEqual(TEAMS_MAX_BYTES);
    const all = fake.messages.map((m) => cardText(m.card)).join('\n');
    for (let i = 0; i < 400; i++) expect(all).toContain(`编号${i}。`);
  });

  it('release text formats nothing it did not say and mentions no one', async () => {
    gh.publish(PT, {
      tag_name: 'v2.10.0',
      body: '## Distributed\n- Fixed **all** ranks for <at>Everyone</at> in `c10d_*` and [the guide](https://pytorch.org/docs) (#123)',
    });
    const r = await poll('');
    expect(r.code, r.err).toBe(0);
    const text = cardText(fake.messages[0]!.card);
    expect(text).toContain('\\<at\\>Everyone\\</at\\>');
    expect(text).toContain('c10d\\_\\*');
    expect(text).toContain('[#123](https://github.com/pytorch/pytorch/pull/123)');
    // As Teams shows it: no <at> element, identifiers intact, the notes' own link kept with its text.
    const html = teamsMdToHtml(text);
    expect(html).toContain('&lt;at&gt;Everyone&lt;/at&gt;');
    expect(html).toContain('c10d_*');
    expect(html).toContain('<a href="https://pytorch.org/docs" style="color:#5b5fc7">the guide</a>');
    expect(html).toContain('<a href="https://github.com/pytorch/pytorch/pull/123"');
  });

  it('a deleted flow fails the destination as broken, saying what answered (the URL is a secret: test/composition-root)', async () => {
    gh.publish(PT, { tag_name: 'v2.10.0', body: '## Distributed\n- Fixed NCCL (#1)' });
    fake.flows.clear();
    const r = await poll('', ['--format', 'json']);
    expect(r.code).not.toBe(0);
    expect(r.out + r.err).toMatch(/Teams workflow answered 404/);
  });

  it('the preview reads TextBlocks as Teams does: a single newline is a space, a blank line a paragraph', () => {
    expect(teamsMdToHtml('one\ntwo')).toBe('<p style="margin:0 0 4px">one two</p>');
    expect(teamsMdToHtml('one\n\ntwo')).toBe('<p style="margin:0 0 4px">one</p><p style="margin:0 0 4px">two</p>');
    expect(teamsMdToHtml('- a\n- b\n_more_')).toBe(
      '<ul style="margin:2px 0;padding-left:20px"><li>a</li><li>b <em>more</em></li></ul>',
    );
  });

  it('preview pages show the cards', async () => {
    gh.publish(PT, { tag_name: 'v2.10.0', body: bigTorchNotes('2.10.0') });
    const out = join(dir, 'preview');
    const r = await poll('', ['--dry-run', '--preview', out]);
    expect(r.code, r.err).toBe(0);
    expect(fake.messages).toHaveLength(0);
    const page = readdirSync(out).find((f) => f.includes('ml-teams'));
    expect(page).toBeDefined();
    const html = readFileSync(join(out, page!), 'utf8');
    expect(html).toContain('class="msg teams"');
    expect(html).toContain('<strong>distributed</strong>');
    expect(html).toContain('href="https://github.com/pytorch/pytorch/releases/tag/v2.10.0"');
  });
});
