import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../src/fakes/github.js';
import { runCli } from './helpers/cli.js';
import { tfNotes, torchNotes } from '../src/fakes/notes.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');

describe('release-radar poll', () => {
  let gh: FakeGitHub;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    gh = await new FakeGitHub().start();
    gh.publish('tensorflow/tensorflow', { tag_name: 'v2.0.0', body: tfNotes('2.0.0') });
    gh.publish('pytorch/pytorch', { tag_name: 'v2.9.0', body: torchNotes('2.9.0') });
    dir = mkdtempSync(join(tmpdir(), 'rr-cli-'));
    env = { GITHUB_API_URL: gh.url, LOG_LEVEL: 'silent' };
  });
  afterEach(() => gh.close());

  it('--format json prints {events, requests} with items of the parse shape, then a quiet second run', async () => {
    const db = join(dir, 'state.db');
    const r = await runCli(['poll', '--db', db, '--format', 'json'], { env });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.requests).toBe(2);
    expect(out.events.map((e: { repo: string }) => e.repo)).toEqual(['pytorch/pytorch', 'tensorflow/tensorflow']);
    const e = out.events[0];
    expect(e).toMatchObject({
      type: 'published',
      repo: 'pytorch/pytorch',
      tag: 'v2.9.0',
      name: 'v2.9.0',
      prerelease: false,
    });
    expect(e.url).toBe('https://github.com/pytorch/pytorch/releases/tag/v2.9.0');
    expect(Object.keys(e.categories.distributed)).toEqual(['added', 'removed', 'changed']);
    expect(Object.keys(e.categories.distributed.added[0]).sort()).toEqual(
      [
        'breaking',
        'categories',
        'change',
        'evidence',
        'id',
        'kind',
        'markdown',
        'parents',
        'refs',
        'section',
        'text',
      ].sort(),
    );
    // --all: every repo, due or not: one conditional request each, answered 304 (no budget spent).
    const again = JSON.parse((await runCli(['poll', '--db', db, '--format', 'json', '--all'], { env })).out);
    expect(again).toMatchObject({ events: [], deleted: [], requests: 2, checked: 2, full_listings: [] });
    expect(again.budget.rest).toMatchObject({ requests: 2, points: 0 });
    // Without --all, only the due repos: none, 15 minutes (poll.every) after their last check.
    const due = JSON.parse((await runCli(['poll', '--db', db, '--format', 'json'], { env })).out);
    expect(due).toMatchObject({ events: [], requests: 0, checked: 0 });
  });

  it('says how much of the GitHub budget the poll used, in the terminal and in the job summary', async () => {
    gh.rateLimit = { limit: 5000, remaining: 4321 };
    const summary = join(dir, 'summary.md');
    const r = await runCli(['poll', '--db', join(dir, 'state.db')], { env: { ...env, GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(0);
    // Each listing costs a point: the fake counts down from what it was told is left.
    expect(r.out.split('\n')[1]).toBe('GitHub budget: REST 2 requests (4,319 of 5,000 left)');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(summary, 'utf8')).toContain('> GitHub budget: REST 2 requests (4,319 of 5,000 left)');
  });

  it('--repo limits the poll; --dry-run on a new store creates no file', async () => {
    const db = join(dir, 'nothing-here.db');
    const r = await runCli(['poll', '--db', db, '--dry-run', '--repo', 'pytorch/pytorch'], { env });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^1 change event \(dry run: nothing stored\); 1 GitHub request/);
    expect(r.out).toContain('PUBLISHED pytorch/pytorch v2.9.0');
    expect(r.out).toContain('distributed: 1 item\n');
    const { existsSync } = await import('node:fs');
    expect(existsSync(db)).toBe(false);
  });

  it('exits 1 with a clear message when a repo cannot be read, and still polls the others', async () => {
    const r = await runCli(
      ['poll', '--db', join(dir, 's.db'), '--repo', 'nobody/nothing', '--repo', 'pytorch/pytorch', '--format', 'json'],
      { env },
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('listing releases of nobody/nothing failed: repository not found');
    expect(JSON.parse(r.out).events).toHaveLength(1);
  });

  it('exits 2 on a bad config, naming the file and key', async () => {
    const cfg = join(dir, 'bad.yaml');
    writeFileSync(cfg, 'poll:\n  initial: sometimes\n');
    const r = await runCli(['poll', '--config', cfg], { env });
    expect(r.code).toBe(2);
    expect(r.err).toContain(cfg);
    expect(r.err).toContain('poll.initial');
  });

  it('never prints the token', async () => {
    const r = await runCli(['poll', '--db', join(dir, 's.db'), '--repo', 'nobody/nothing'], {
      env: { ...env, GITHUB_TOKEN: 'ghp_supersecret123', LOG_LEVEL: 'debug' },
    });
    expect(r.err).toContain('"level":20'); // debug logs were written, and captured
    expect(r.out + r.err).not.toContain('supersecret');
    expect(gh.requests.at(-1)!.authorization).toBe('token ghp_supersecret123');
  });

  it('the installed bin runs the built CLI (npx release-radar)', async () => {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, 'bin', 'release-radar.js'), 'poll', '--dry-run', '--format', 'json', '--db', join(dir, 'x.db')],
      {
        env: { ...process.env, ...env },
      },
    );
    expect(JSON.parse(stdout).events).toHaveLength(2);
  });
});
