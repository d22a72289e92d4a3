// `poll --dry-run` in text says per destination what would be posted (issue 25 point 5).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bigTorchNotes } from '../src/fakes/big-release.js';
import { FakeGitHub } from '../src/fakes/github.js';
import { tfNotes } from '../src/fakes/notes.js';
import { runCli } from './helpers/cli.js';
import { Context } from '../src/cli/context.js';
import type { Io } from '../src/cli/io.js';

describe('poll --dry-run (text)', () => {
  let gh: FakeGitHub;
  let dir: string;
  beforeEach(async () => {
    gh = await new FakeGitHub().start();
    gh.publish('pytorch/pytorch', { tag_name: 'v2.10.0', body: bigTorchNotes('2.10.0', 5) });
    gh.publish('tensorflow/tensorflow', { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    dir = mkdtempSync(join(tmpdir(), 'rr-dry-'));
  });
  afterEach(() => gh.close());

  it('says per destination how many messages would go, in how many parts, with the items per category', async () => {
    const cfg = join(dir, 'release-radar.yaml');
    writeFileSync(
      cfg,
      [
        'repos: [pytorch/pytorch, tensorflow/tensorflow]',
        'destinations:',
        '  - { name: ml-infra, type: slack, channel: CINFRA, token: "${SLACK_BOT_TOKEN}" }',
        '  - { name: mobile-team, type: discord, webhook_url: "${DISCORD_WEBHOOK_MOBILE}" }',
        '  - { name: quiet, type: slack, channel: CQUIET, token: "${SLACK_BOT_TOKEN}" }',
        'subscriptions:',
        '  - { destination: ml-infra, categories: [distributed] }',
        '  - { destination: mobile-team, categories: [mobile] }',
        '  - { destination: quiet, categories: [distributed], events: [edited] }',
      ].join('\n'),
    );
    const r = await runCli(['poll', '--dry-run', '--config', cfg, '--db', join(dir, 's.db')], {
      env: { GITHUB_API_URL: gh.url, LOG_LEVEL: 'silent' },
    });
    expect(r.code, r.err).toBe(0);
    const infra = /would post (\d+) messages? to ml-infra \(slack\):\n((?: {2}.*\n)+)/.exec(r.out);
    expect(infra, r.out).not.toBeNull();
    const torch = infra![2]!.split('\n').find((l) => l.includes('pytorch/pytorch v2.10.0 published'))!;
    expect(torch).toMatch(/: \d+ messages \(the summary and \d+ detail parts?\); distributed \d+ \(/);
    expect(r.out).toMatch(/would post \d+ messages? to mobile-team \(discord\):/);
    expect(r.out).toContain('would post nothing to quiet (slack)');
    // The counts say what the destination gets: its categories only.
    expect(infra![2]).not.toContain('mobile ');
  });
});

describe('log lines at info', () => {
  const io = (errIsTTY: boolean) => {
    let err = '';
    const x: Io = { out: () => {}, err: (s) => void (err += s), stdin: process.stdin, env: {}, errIsTTY };
    return { io: x, text: () => err };
  };

  it('are for a person when standard error is a terminal, secrets still redacted', async () => {
    const { io: tty, text } = io(true);
    (await new Context(tty).logger()).info({ repos: 2, token: 'xoxb-1-2' }, 'poll starting');
    expect(text()).toBe('release-radar info: poll starting (repos=2, token=[secret])\n');
  });

  it('are JSON otherwise (a log collector reads them)', async () => {
    const { io: pipe, text } = io(false);
    (await new Context(pipe).logger()).info({ repos: 2 }, 'poll starting');
    expect(JSON.parse(text())).toMatchObject({ level: 30, msg: 'poll starting', repos: 2 });
  });
});
