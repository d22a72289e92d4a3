/** `release-radar parse [FILE|-]`: one release body to classified items, as JSON or readable markdown. */
import { GITHUB_BODY_LIMIT } from '../../parsers/index.js';
import type { ParsedRelease } from '../../parsers/model.js';
import { parseAndClassify } from '../notes.js';
import { renderNotesMarkdown } from '../render/notes-markdown.js';
import { grouped } from '../render/plural.js';
import type { Context } from './context.js';
import { checkCategories, checkChoice, checkRepo, guessRepo, readInput } from './input.js';

export interface ParseOptions {
  repo?: string;
  format: string;
  category: string[];
  config?: string;
}

export async function parseCommand(file: string | undefined, opts: ParseOptions, ctx: Context): Promise<number> {
  const { io } = ctx;
  const format = checkChoice('--format', opts.format, ['json', 'markdown'] as const);
  const repo = opts.repo !== undefined ? checkRepo(opts.repo) : file && file !== '-' ? guessRepo(file) : null;
  const classifier = await ctx.classifier();
  const categories = checkCategories(opts.category, classifier.categories);
  const { name, text } = await readInput(file, () => io.stdin);
  const kind = notMarkdown(text);
  if (kind)
    io.err(
      `release-radar: warning: ${name} looks like ${kind}, not markdown release notes; parsing it anyway (give the release body, e.g. \`jq -r .body\`)\n`,
    );
  if (text.length > GITHUB_BODY_LIMIT) {
    io.err(
      `release-radar: warning: ${name} has ${grouped(text.length)} characters, more than a GitHub release body can (${grouped(GITHUB_BODY_LIMIT)}); parsing it in parts cut before its top-level headings\n`,
    );
  }

  const all = parseAndClassify(text, repo ?? 'generic/generic', classifier);
  const filtered = opts.category.length;
  if (format === 'json') {
    const items = filtered
      ? all
          .map((i) => {
            const cats = i.categories.filter((c) => categories.includes(c));
            return { ...i, categories: cats, evidence: i.evidence.filter((e) => cats.includes(e.category)) };
          })
          .filter((i) => i.categories.length)
      : all;
    const result: ParsedRelease = { repo: repo ?? 'generic/generic', items };
    io.out(JSON.stringify(result, null, 2) + '\n');
  } else {
    io.out(renderNotesMarkdown(await ctx.links(), repo, all, categories, !filtered));
  }
  return 0;
}

/** JSON or binary input parses "fine" into nonsense: worth a warning, not a refusal. */
function notMarkdown(text: string): 'JSON' | 'binary data' | null {
  const sample = text.slice(0, 8192);
  // NUL bytes, or many invalid UTF-8 sequences (decoded as U+FFFD): not text.
  if (sample.includes('\u0000') || (sample.match(/\uFFFD/g)?.length ?? 0) > sample.length / 20) return 'binary data';
  const t = text.trim();
  if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
    try {
      JSON.parse(t);
      return 'JSON';
    } catch {
      return null;
    }
  }
  return null;
}
