// The CLI as a Unix tool: quiet on a closed pipe, --version, help that lists environment and exit codes,
// store errors with their own exit code, honest warnings, proper plurals.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { BIN } from './helpers/spawn.js';

const dir = mkdtempSync(join(tmpdir(), 'rr-unix-'));
const ROOT = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('release-radar as a Unix tool', () => {
  it('parse … | head: a closed pipe ends the process quietly', async () => {
    const big = join(dir, 'big.md');
    writeFileSync(
      big,
      [
        '# Release 1.0',
        '',
        ...Array.from(
          { length: 1500 },
          (_, i) => `* Fixed NCCL timeout number ${i} in distributed training (#${1000 + i})`,
        ),
      ].join('\n'),
    );
    const child = spawn(process.execPath, [BIN, 'parse', big, '--format', 'json']);
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => child.stdout.destroy()); // as `head` does after its lines
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(err).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  });

  it('on a Node older than engines (22.13) it says which Node it needs and how to get it, exit 2', async () => {
    // The running Node made to report 20.19.0 before the entry point reads it.
    const older = 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.19.0"})';
    const child = spawn(process.execPath, ['--import', older, BIN, 'poll', '--dry-run']);
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(err).toContain('needs Node 22.13 or newer; this is Node 20.19.0');
    expect(err).toContain('npx -y -p node@24');
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(pkg.version);
  });

  it.each([
    ['parse', ['${VAR}'], ['0 ', '2 ']],
    [
      'poll',
      [
        'GITHUB_API_URL',
        'GITHUB_TOKEN',
        'DATABASE_URL',
        'SLACK_API_URL',
        'DISCORD_API_URL',
        'LOG_LEVEL',
        'GITHUB_STEP_SUMMARY',
      ],
      ['0 ', '1 ', '2 ', '3 '],
    ],
    ['query', ['GITHUB_API_URL', 'GITHUB_TOKEN', 'DATABASE_URL'], ['0 ', '1 ', '2 ', '3 ']],
    ['digest', ['SMTP_URL', 'DATABASE_URL'], ['0 ', '1 ', '2 ', '3 ']],
    [
      'serve',
      [
        'SLACK_SIGNING_SECRET',
        'SLACK_BOT_TOKEN',
        'SLACK_APP_TOKEN',
        'DISCORD_PUBLIC_KEY',
        'DISCORD_APPLICATION_ID',
        'DISCORD_BOT_TOKEN',
        'DATABASE_URL',
      ],
      ['0 ', '2 ', '3 '],
    ],
  ])('%s --help lists the environment it reads, its exit codes and the --config default', async (cmd, vars, codes) => {
    const r = await runCli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Environment:');
    for (const v of vars) expect(r.out).toContain(v);
    expect(r.out).toContain('Exit codes:');
    for (const c of codes) expect(r.out).toMatch(new RegExp(`^\\s+${c}`, 'm'));
    expect(r.out).toMatch(/--config <file>[\s\S]*default: \.\/release-radar\.yaml/);
  });

  it.each([
    ['demo', ['0 ', '1 ', '2 ']],
    ['init', ['0 ', '2 ']],
  ])('%s --help says what it reads from the environment (nothing) and its exit codes', async (cmd, codes) => {
    const r = await runCli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Environment:\n\s+\(none/);
    expect(r.out).toContain('Exit codes:');
    for (const c of codes) expect(r.out).toMatch(new RegExp(`^\\s+${c}`, 'm'));
  });

  it('each --help lists the variables the docs say the command reads, and only those', async () => {
    const readme = readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)].map(
      (m) => [m[1]!, m[2]!.split(', ')] as const,
    );
    expect(rows.length).toBeGreaterThanOrEqual(14);
    for (const cmd of ['poll', 'query', 'serve', 'digest', 'site', 'discord register-commands']) {
      const r = await runCli([...cmd.split(' '), '--help']);
      const listed = [...r.out.matchAll(/^ {2}([A-Z][A-Z_]+) /gm)].map((m) => m[1]);
      expect(listed, cmd).toEqual(rows.filter(([, by]) => by.includes(cmd)).map(([name]) => name));
    }
  });

  it('a corrupt --db names the path and the fix, with the store exit code (3, not 1)', async () => {
    const db = join(dir, 'corrupt.db');
    writeFileSync(db, Buffer.concat([Buffer.from('this is not sqlite at all\n'), Buffer.alloc(4096, 7)]));
    const r = await runCli(['query', 'pytorch', '--db', db], { env: {} });
    expect(r.code).toBe(3);
    expect(r.err).toContain(db);
    expect(r.err).toContain('file is not a database');
    expect(r.err).toMatch(/--db|move it/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('an empty config file is an error', async () => {
    const cfg = join(dir, 'empty.yaml');
    writeFileSync(cfg, '\n# nothing here\n');
    const r = await runCli(['parse', '-', '--config', cfg], { stdin: '* Fixed a Windows build.\n' });
    expect(r.code).toBe(2);
    expect(r.err).toContain(cfg);
    expect(r.err).toMatch(/empty/);
  });

  it('a missing ${VAR} gives one message', async () => {
    const cfg = join(dir, 'var.yaml');
    writeFileSync(
      cfg,
      'repos: [pytorch/pytorch]\ndestinations:\n  - name: a\n    type: slack\n    channel: C1\n    token: ${SLACK_BOT_TOKEN}\n',
    );
    const r = await runCli(['poll', '--config', cfg], { env: {} });
    expect(r.code).toBe(2);
    const problems = r.err.split('\n').filter((l) => l.includes('destinations[0].token'));
    expect(problems).toEqual([
      '  - destinations[0].token: environment variable SLACK_BOT_TOKEN is not set (poll sends with it: export it (in GitHub Actions: a repository secret, passed in the env: of the step))',
    ]);
  });

  it('parse warns on JSON and on binary input, and still exits 0', async () => {
    const json = await runCli(['parse', '-'], { stdin: '{"tag_name": "v1", "body": "* Fixed a Windows build."}' });
    expect(json.code).toBe(0);
    expect(json.err).toMatch(/^release-radar: warning: standard input looks like JSON, not markdown/);
    const bin = await runCli(['parse', '-'], {
      stdin: '\u0000\u0001\u0002PK\u0003\u0004\u0000\u0000binary\u0000' + '\u0000'.repeat(50),
    });
    expect(bin.err).toMatch(/^release-radar: warning: standard input looks like binary data, not markdown/);
    const md = await runCli(['parse', '-'], { stdin: '* Fixed a Windows build.\n' });
    expect(md.err).toBe('');
  });

  it('says "1 item", not "1 items"', async () => {
    const r = await runCli(['parse', '-'], { stdin: '* Fixed a Windows build.\n' });
    expect(r.out).toContain('1 item by category');
    expect(r.out).not.toMatch(/\b1 items\b/);
    // Not "0 of 1 item are in no category" (issue 25 point 4).
    expect(r.out).toContain('_Every item is in a category._');
    const two = await runCli(['parse', '-'], { stdin: '* Fixed a Windows build.\n* Improved the docs.\n' });
    expect(two.out).toContain('# Release notes: 1 item by category');
    expect(two.out).toContain('_1 other item is in no category._');
  });
});
