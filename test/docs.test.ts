// Docs that fit and stay true (issue 21): a README of at most 200 lines; every relative link in README.md and
// docs/ resolves (file, and #anchor in a markdown target); every command and flag the docs name exists
// (`--help`); the generated parts (help blocks, configuration reference, environment table) are current.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { cliDoc, configurationDoc, helpText } from '../scripts/gen-docs.js';

const ROOT = join(import.meta.dirname, '..');
const DOCS = readdirSync(join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => join('docs', f));
const FILES = ['README.md', ...DOCS];
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const tree = (f: string) => unified().use(remarkParse).use(remarkGfm).parse(read(f)) as Root;

/** The anchors a markdown file offers: GitHub's heading slugs and explicit `<a id="…">`. */
function anchors(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const out = new Set<string>();
  visit(tree(file), (node) => {
    if (node.type === 'heading') out.add(slugger.slug(toString(node)));
    if (node.type === 'html') for (const m of node.value.matchAll(/\bid="([^"]+)"/g)) out.add(m[1]!);
  });
  return out;
}

/** Every link target in a file that is not a URL: `path`, `path#anchor` or `#anchor`. */
function relativeLinks(file: string): string[] {
  const out: string[] = [];
  visit(tree(file), (node) => {
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && !/^[a-z]+:/i.test(node.url))
      out.push(node.url);
  });
  return out;
}

describe('docs', () => {
  it('the README fits on a screen: at most 200 lines, quick start before the Action', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
    expect(readme.indexOf('## Quick start')).toBeGreaterThan(0);
    expect(readme.indexOf('## Quick start')).toBeLessThan(readme.indexOf('## In your repository: the GitHub Action'));
  });

  it('every relative link in README.md and docs/ resolves, anchors included', () => {
    const broken: string[] = [];
    for (const file of FILES)
      for (const url of relativeLinks(file)) {
        const [path, anchor] = url.split('#') as [string, string | undefined];
        const target = path ? relative(ROOT, resolve(dirname(join(ROOT, file)), decodeURI(path))) : file;
        if (!existsSync(join(ROOT, target))) broken.push(`${file}: ${url} (no ${target})`);
        else if (anchor && target.endsWith('.md') && !anchors(target).has(anchor))
          broken.push(`${file}: ${url} (no #${anchor} in ${target})`);
      }
    expect(broken).toEqual([]);
  });

  it('every command and flag the docs name exists', () => {
    const commands = [...helpText('').matchAll(/^ {2}([a-z-]+)(?: \[| {2}| <)/gm)].map((m) => m[1]!);
    expect(commands).toEqual(expect.arrayContaining(['parse', 'poll', 'serve', 'digest', 'site', 'query']));
    const helps = new Map<string, string>();
    const help = (cmd: string) => {
      if (!helps.has(cmd)) helps.set(cmd, helpText(cmd));
      return helps.get(cmd)!;
    };
    const wrong: string[] = [];
    for (const file of FILES)
      visit(tree(file), (node) => {
        if (node.type !== 'code' && node.type !== 'inlineCode') return;
        if (node.type === 'code' && node.lang === 'text') return; // generated help blocks
        for (const line of node.value.split('\n'))
          for (const m of line.matchAll(
            /\brelease-radar (discord [a-z-]+|[a-z][a-z-]*)((?: +(?:--?[a-z][\w-]*|[^\s|;&#]+))*)/g,
          )) {
            const cmd = m[1]!;
            if (!commands.includes(cmd.split(' ')[0]!)) {
              if (!/^(init|yaml|demo|state)\b/.test(cmd) || !commands.includes(cmd))
                wrong.push(`${file}: no command ${cmd}`);
              continue;
            }
            for (const flag of m[2]!.match(/(?<=\s)--[a-z][\w-]*/g) ?? [])
              if (!new RegExp(`(^|[\\s,])${flag}\\b`, 'm').test(help(cmd)))
                wrong.push(`${file}: ${cmd} has no ${flag}`);
          }
      });
    expect(wrong).toEqual([]);
  });

  it('the generated parts are current (run `npm run docs`)', () => {
    expect(read('docs/cli.md')).toBe(cliDoc(read('docs/cli.md')));
    expect(read('docs/configuration.md')).toBe(configurationDoc(read('docs/configuration.md')));
  });
});
