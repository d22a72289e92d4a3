// A final release after candidates reaches everyone once: in full for those who did not get the candidates,
// as the delta for those who did. Chat and digest alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templateRenderer } from '../src/platforms/registry.js';
import { runDigests, type MailTransport } from '../src/digest/run-digest.js';
import { silentLogger } from '../src/log.js';
import { FakeDiscord } from '../src/fakes/discord.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { FakeSlack } from '../src/fakes/slack.js';
import { config, pollAndDeliver, type Fakes } from './helpers/deliver.js';
import { tfNotes } from '../src/fakes/notes.js';
import { sqliteStore, type TestStore } from './helpers/stores.js';

const TF = 'tensorflow/tensorflow';
const SQRT = 'Added int8 support for SQRT in the TFLite converter.';
/** The same item in chat markup (`SQRT` is code there). */
const SQRT_CHAT = /Added int8 support for .?SQRT/;
const GPU = 'Added a GPU delegate option for Android.';
/** One release's part of a digest's text: from its `== repo (tag …)` line to the next. */
const release = (text: string, tag: string) =>
  text.split(/^(?===)/m).find((part) => part.startsWith(`== ${TF} (${tag} `)) ?? '';
const finalNotes = () =>
  tfNotes('2.1.0').replace(
    'in the TFLite converter.',
    'in the TFLite converter.\r\n    *   Added a GPU delegate option for Android.',
  );

describe('a promoted release', () => {
  let f: Fakes;
  let ts: TestStore;
  beforeEach(async () => {
    f = {
      gh: await new FakeGitHub().start(),
      slack: await new FakeSlack().start(),
      discord: await new FakeDiscord().start(),
    };
    f.slack.channels.add('CRC');
    f.slack.channels.add('CFINAL');
    ts = await sqliteStore();
  });
  afterEach(async () => {
    await ts.cleanup();
    await Promise.all([f.gh.close(), f.slack.close(), f.discord.close()]);
  });

  const cfg = () =>
    config(
      {
        repos: [TF],
        destinations: [
          { name: 'rc-watchers', type: 'slack', channel: 'CRC', token: '${SLACK_BOT_TOKEN}' },
          { name: 'final-only', type: 'slack', channel: 'CFINAL', token: '${SLACK_BOT_TOKEN}' },
        ],
        subscriptions: [
          { destination: 'rc-watchers', categories: ['mobile'], prereleases: true },
          { destination: 'final-only', categories: ['mobile'] }, // prereleases: false, the default
        ],
      },
      { SLACK_BOT_TOKEN: 'xoxb-test-token' },
    );

  const textOf = (channel: string) =>
    f.slack.messages
      .filter((m) => m.channel === channel)
      .map((m) => [m.text, ...m.blocks.map((b) => JSON.stringify(b))].join('\n'))
      .join('\n');

  it('reaches default subscribers in full (noting the candidates) and candidate subscribers as the delta', async () => {
    f.gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    await pollAndDeliver(ts.store, f, cfg(), { spacingMs: 5 });
    f.slack.messages.length = 0;
    f.gh.publish(TF, { tag_name: 'v2.1.0-rc1', body: tfNotes('2.1.0'), prerelease: true });
    await pollAndDeliver(ts.store, f, cfg(), { spacingMs: 5 });
    expect(textOf('CRC')).toMatch(SQRT_CHAT);
    expect(textOf('CFINAL')).toBe('');

    f.gh.publish(TF, { tag_name: 'v2.1.0', body: finalNotes() });
    const { poll } = await pollAndDeliver(ts.store, f, cfg(), { spacingMs: 5 });
    expect(poll.events.map((e) => [e.type, e.tag])).toEqual([['promoted', 'v2.1.0']]);
    const rc = textOf('CRC').split('v2.1.0-rc1').length; // the rc's own message mentions the tag too
    expect(rc).toBeGreaterThan(1);
    const rcFinal = f.slack.messages
      .filter((m) => m.channel === 'CRC' && m.text.includes('v2.1.0 '))
      .map((m) => JSON.stringify(m))
      .join('\n');
    expect(rcFinal).toContain(GPU);
    expect(rcFinal).not.toMatch(SQRT_CHAT); // they had it with the candidate
    const final = textOf('CFINAL');
    expect(final).toContain(GPU);
    expect(final).toMatch(SQRT_CHAT); // everything in the release, once
    expect(final).toMatch(/published/);
    expect(final).toMatch(/after candidate v2\.1\.0-rc1/);
  });

  it('the digest gives the release in full when its window holds no candidate, the delta when it does', async () => {
    // An injected clock: the polls a minute apart, the window boundary between the candidate and the final.
    const minute = (n: number) => () => new Date(Date.UTC(2026, 2, 1, 12, n));
    f.gh.publish(TF, { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    await pollAndDeliver(ts.store, f, cfg(), { spacingMs: 5, now: minute(0) });
    f.gh.publish(TF, { tag_name: 'v2.1.0-rc1', body: tfNotes('2.1.0'), prerelease: true });
    await pollAndDeliver(ts.store, f, cfg(), { spacingMs: 5, now: minute(1) });
    const between = minute(2)().toISOString();
    f.gh.publish(TF, { tag_name: 'v2.1.0', body: finalNotes() });
    await pollAndDeliver(ts.store, f, cfg(), { spacingMs: 5, now: minute(3) });

    const sent: string[] = [];
    const transport: MailTransport = { sendMail: async (m) => (sent.push(m.text), { messageId: 'x' }) };
    const digestCfg = (name: string) =>
      config({
        repos: [TF],
        digests: [{ name, to: [`${name}@example.com`], categories: ['mobile'] }],
        email: { from: 'bot@example.com' },
      });
    const run = (name: string, since: string) =>
      runDigests(
        {
          store: ts.store,
          config: digestCfg(name),
          renderer: templateRenderer(),
          transport,
          logger: silentLogger,
          now: minute(4),
        },
        { dryRun: false, since },
      );

    // Window after the candidate: the final release in full.
    await run('late', between);
    const late = sent.pop()!;
    expect(late).toContain(GPU);
    expect(late).toContain(SQRT);
    expect(late.split(SQRT).length - 1).toBe(1);
    expect(release(late, 'v2.1.0')).toContain(`${SQRT} (also quantization)`); // listed once, under mobile (issue 10 point 5)
    expect(late).toContain('v2.1.0 published after candidate v2.1.0-rc1');

    // Window holding the candidate and the final release: the candidate's items once, then the delta.
    await run('whole', '1d');
    const whole = sent.pop()!;
    expect(release(whole, 'v2.1.0')).toContain(GPU);
    expect(release(whole, 'v2.1.0-rc1')).toContain(`${SQRT} (also quantization)`);
    expect(release(whole, 'v2.1.0')).not.toContain(SQRT);
  });
});
