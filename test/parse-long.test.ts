/** A document longer than a release body (a whole RELEASE.md) is parsed in parts, with the same items. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GITHUB_BODY_LIMIT, parseNotes } from '../parsers/index.js';
import { extractItems } from '../parsers/extract-items.js';
import { normalizeSource, parseMarkdown, splitAtTopHeadings } from '../parsers/markdown.js';
import { profileFor } from '../parsers/profiles.js';
import { runCli } from './helpers/cli.js';

const sample = readFileSync(join(import.meta.dirname, '..', 'examples', 'releases', 'tensorflow', 'v3.0.0.md'), 'utf8');

/** A RELEASE.md of many releases, with a fenced block holding a line that looks like a top-level heading. */
function releaseMd(minChars: number): string {
  const parts: string[] = [];
  for (let n = 0; parts.join('\n').length < minChars; n++) {
    parts.push(
      sample.replace('# Release 3.0.0', `# Release 3.${n}.0`) +
        `\n\`\`\`python\n# Release 9.${n}.0 is not a heading in a fence\n\`\`\`\n`,
    );
  }
  return parts.join('\n');
}

describe('long documents', () => {
  it('are cut only before top-level headings outside code fences', () => {
    const doc = releaseMd(50_000);
    const parts = splitAtTopHeadings(doc, 5_000);
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.join('')).toBe(doc);
    for (const p of parts) expect(p.startsWith('# Release 3.')).toBe(true);
  });

  it('past the release-body limit, parse in parts to exactly the items of one parse', () => {
    const doc = releaseMd(GITHUB_BODY_LIMIT + 60_000);
    const source = normalizeSource(doc);
    const whole = extractItems(parseMarkdown(source), source, profileFor('tensorflow/tensorflow'));
    const inParts = parseNotes(doc, 'tensorflow/tensorflow');
    expect(inParts.length).toBeGreaterThan(500);
    expect(inParts).toEqual(whole);
    expect(new Set(inParts.map((i) => i.id)).size).toBe(inParts.length);
  });

  it('`parse` warns about a body longer than GitHub allows, and still parses it', async () => {
    const r = await runCli(['parse', '-', '--repo', 'tensorflow/tensorflow', '--format', 'json'], {
      stdin: releaseMd(GITHUB_BODY_LIMIT + 1),
    });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/more than a GitHub release body can \(125,000\); parsing it in parts/);
    expect((JSON.parse(r.out) as { items: unknown[] }).items.length).toBeGreaterThan(100);
    const short = await runCli(['parse', '-', '--repo', 'tensorflow/tensorflow'], { stdin: sample });
    expect(short.err).toBe('');
  });
});
