import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const fixture = join(import.meta.dirname, 'fixtures', 'parse', 'pytorch-style', 'input.md');

describe('release-radar parse', () => {
  it('prints the JSON shape of the issue, every item in document order', async () => {
    const r = await runCli(['parse', fixture, '--repo', 'pytorch/pytorch', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.repo).toBe('pytorch/pytorch');
    // 16: the table's bold header cell ("Beta") and the "For more details, see …" pointer are not items
    expect(json.items.length).toBe(16);
    for (const i of json.items) {
      expect(Object.keys(i)).toEqual(
        expect.arrayContaining([
          'id',
          'kind',
          'text',
          'markdown',
          'section',
          'parents',
          'categories',
          'breaking',
          'change',
          'refs',
          'evidence',
        ]),
      );
    }
    const byText = (t: string) => json.items.find((i: { text: string }) => i.text.startsWith(t));
    expect(byText('Added torch.linalg.matrix_exp').categories).toEqual([]);
    // change: from PyTorch's section headings; breaking stays a boolean too
    expect(byText('ProcessGroupGloo no longer accepts')).toMatchObject({
      kind: 'heading',
      change: 'breaking',
      breaking: true,
      body: { text: 'Pass an explicit datetime.timedelta instead.' },
    });
    expect(byText('Added torch.linalg.matrix_exp').change).toBe('improvement');
    expect(byText('torch.distributed.foo_legacy is deprecated').change).toBe('deprecation');
    expect(byText('Added torch.special.zeta').change).toBe('feature');
    expect(byText('Improve an error message when cudaMalloc').change).toBe('fix');
    expect(byText('Fix: vectorized torch.cumsum').change).toBe('performance');
    expect(byText('Documented init_device_mesh').change).toBe('docs');
    expect(byText('Reject pickles').change).toBe('security');
    expect(byText('Added a lint rule').change).toBe('other');
    // JSON stays in document order
    expect(json.items.at(-1).text).toBe('Added a lint rule for unused imports (#140015)');
  });

  it('reads standard input with "-" and filters with --category', async () => {
    const md = '* Added a Windows wheel.\n* Fixed NCCL timeouts (#5)\n';
    const r = await runCli(['parse', '-', '--format', 'json', '--category', 'distributed'], { stdin: md });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.items.map((i: { text: string }) => i.text)).toEqual(['Fixed NCCL timeouts (#5)']);
  });

  it('prints readable markdown by default, grouped by category with PR links', async () => {
    const r = await runCli(['parse', fixture, '--repo', 'pytorch/pytorch']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('## distributed (6)');
    expect(r.out).toContain('[#140002](https://github.com/pytorch/pytorch/pull/140002)');
    expect(r.out).toMatch(/- \*\*Breaking\*\* `ProcessGroupGloo` no longer accepts `timeout=None`/);
    expect(r.out).toMatch(/\n {2}Pass an explicit `datetime\.timedelta` instead\.\n/);
    expect(r.out.indexOf('**Breaking**')).toBeLessThan(r.out.indexOf('Added a watchdog'));
    // ordered by kind of change: the deprecation (later in the notes) before the improvements, docs last
    const at = (t: string) => r.out.indexOf(t);
    expect(at('**Breaking**')).toBeLessThan(at('foo_legacy'));
    expect(at('foo_legacy')).toBeLessThan(at('Added a watchdog'));
    expect(at('Added a watchdog')).toBeLessThan(at('Fixed rank mapping'));
    expect(at('Fixed rank mapping')).toBeLessThan(at('Documented'));
  });

  it('does not say a kind twice when the title already starts with it', async () => {
    const notes = join(mkdtempSync(join(tmpdir(), 'rr-kind-')), 'notes.md');
    writeFileSync(notes, '## New features\n- New Python 3.14 docker images added (#7)\n- Wheels for CUDA 13.1 (#8)\n');
    const r = await runCli(['parse', notes]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('- New Python 3.14 docker images added');
    expect(r.out).not.toContain('New New');
    expect(r.out).toContain('- New Wheels for CUDA 13.1');
  });

  it.each([
    [['parse', '/no/such/file.md'], /cannot read \/no\/such\/file\.md: no such file/],
    [['parse', fixture, '--category', 'gpu'], /unknown category "gpu": known categories are mobile, distributed/],
    [['parse', fixture, '--repo', 'pytorch'], /malformed --repo "pytorch": expected OWNER\/NAME/],
    [['parse', fixture, '--format', 'xml'], /invalid --format "xml": expected one of json, markdown/],
    [['parse'], /no input: give a FILE/],
  ])('fails with one line and exit code 2: %j', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });

  it('rejects empty input with exit code 2', async () => {
    const empty = join(mkdtempSync(join(tmpdir(), 'rr-')), 'empty.md');
    writeFileSync(empty, '  \n');
    const r = await runCli(['parse', empty]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('is empty');
  });
});
