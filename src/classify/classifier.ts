/**
 * Multi-label, explainable classification. Each category's rules are compiled once; an item gets a
 * category when any of its rules fires, and every rule that fired is kept as evidence.
 */
import type { CategoryRules } from './rules-schema.js';
import type { Evidence, Item, ParsedItem } from '../../parsers/model.js';
import { compileKeyword, compileModule, compilePattern, escapeRegExp } from './patterns.js';

type Field = 'headings' | 'parents' | 'modules' | 'keywords' | 'regexes';

interface Rule {
  rule: string;
  re: RegExp;
  /** For literal rules (keywords, modules): the lower-case literal, which the lower-cased text must contain. */
  needle?: string;
}

interface CompiledCategory {
  name: string;
  /** Rules on the item's own text; `any` is their union, a cheap first test before finding which fired. */
  text: Rule[];
  any: (s: string) => boolean;
  headings: Rule[];
  parents: Rule[];
  exclude: (s: string) => boolean;
  excludeContext: (s: string) => boolean;
}

function rules(field: Field | 'exclude' | 'exclude_context', list: string[], compile: (s: string) => RegExp): Rule[] {
  return list.map((p) => ({ rule: `${field}:${p}`, re: compile(p) }));
}

/** Keywords and modules: a substring test rules most of them out before their regex runs. */
function literalRules(field: 'modules' | 'keywords', list: string[], compile: (s: string) => RegExp): Rule[] {
  return list.map((p) => ({ rule: `${field}:${p}`, re: compile(p), needle: p.toLowerCase() }));
}

/**
 * One test for "does any rule match": rules with the same flags are joined into one alternation, which
 * is much faster than trying them one by one (most items match nothing).
 */
function union(list: Rule[]): (s: string) => boolean {
  const byFlags = new Map<string, string[]>();
  for (const r of list) byFlags.set(r.re.flags, [...(byFlags.get(r.re.flags) ?? []), `(?:${r.re.source})`]);
  const res = [...byFlags].map(([flags, sources]) => new RegExp(sources.join('|'), flags));
  return (s) => res.some((re) => re.test(s));
}

/**
 * The pre-test for a category's text rules. Keywords and modules are literals: they share one boundary
 * check each (`\b(?:a|b)\b`), which is much cheaper than an alternation of `\ba\b|\bb\b`.
 */
function textPretest(r: CategoryRules): (s: string) => boolean {
  const words = r.keywords.filter((k) => /^\w/.test(k) && /\w$/.test(k));
  const others = r.keywords.filter((k) => !words.includes(k));
  const tests: RegExp[] = [];
  if (words.length) tests.push(new RegExp(`\\b(?:${words.map(escapeRegExp).join('|')})\\b`, 'i'));
  if (r.modules.length) tests.push(new RegExp(`(?<![\\w.])(?:${r.modules.map(escapeRegExp).join('|')})(?![\\w])`, 'i'));
  const rest = union([...rules('keywords', others, compileKeyword), ...rules('regexes', r.regexes, compilePattern)]);
  return (s) => tests.some((t) => t.test(s)) || rest(s);
}

export function compileCategories(categories: Record<string, CategoryRules>): CompiledCategory[] {
  return Object.entries(categories).map(([name, r]) => {
    const text = [
      ...literalRules('modules', r.modules, compileModule),
      ...literalRules('keywords', r.keywords, compileKeyword),
      ...rules('regexes', r.regexes, compilePattern),
    ];
    return {
      name,
      text,
      any: textPretest(r),
      headings: rules('headings', r.headings, compilePattern),
      parents: rules('parents', r.parents, compilePattern),
      exclude: union(rules('exclude', r.exclude, compilePattern)),
      excludeContext: union(rules('exclude_context', r.exclude_context, compilePattern)),
    };
  });
}

function matches(rulesList: Rule[], text: string, lower: string, category: string): Evidence[] {
  const out: Evidence[] = [];
  for (const r of rulesList) {
    if (r.needle !== undefined && !lower.includes(r.needle)) continue;
    const m = r.re.exec(text);
    if (m) out.push({ category, rule: r.rule, match: m[0] || text });
  }
  return out;
}

/** Each rule once, on the first of `texts` it matches. */
function contextMatches(rulesList: Rule[], texts: readonly string[], category: string): Evidence[] {
  const out: Evidence[] = [];
  for (const r of rulesList) {
    for (const t of texts) {
      const m = r.re.exec(t);
      if (m) {
        out.push({ category, rule: r.rule, match: m[0] || t });
        break;
      }
    }
  }
  return out;
}

/**
 * The parser hands every item under the same headings the same `section` array, and siblings the same
 * `parents` array, so context matches are computed once per array (a WeakMap frees them with the items).
 */
const NONE: Evidence[] = [];

class ContextCache {
  private readonly cache = new WeakMap<readonly string[], Evidence[]>();
  get(rulesList: Rule[], texts: readonly string[], category: string, pretest?: (s: string) => boolean): Evidence[] {
    if (!rulesList.length || !texts.length) return NONE;
    let ev = this.cache.get(texts);
    if (!ev) {
      const candidates = pretest ? texts.filter(pretest) : texts;
      this.cache.set(texts, (ev = candidates.length ? contextMatches(rulesList, candidates, category) : NONE));
    }
    return ev;
  }
}

/** A parent that names a group (`c10d`, `FullyShardDataParallel (FSDP1 and FSDP2)`), not a change sentence. */
const namesGroup = (text: string) => text.split(/\s+/, 7).length <= 6;

export class Classifier {
  private readonly compiled: CompiledCategory[];
  readonly categories: string[];
  private readonly headingCache: ContextCache[];
  private readonly parentCache: ContextCache[];
  /** The item's own rules tried on its group context: a group's words count for the items under it. */
  private readonly groupWordsCache: ContextCache[];

  constructor(categories: Record<string, CategoryRules>) {
    this.compiled = compileCategories(categories);
    this.categories = this.compiled.map((c) => c.name);
    this.headingCache = this.compiled.map(() => new ContextCache());
    this.parentCache = this.compiled.map(() => new ContextCache());
    this.groupWordsCache = this.compiled.map(() => new ContextCache());
  }

  classify(item: ParsedItem): Item {
    // Most items match nothing: allocate only when something fires.
    let evidence: Evidence[] | null = null;
    let categories: string[] | null = null;
    let lower: string | null = null;
    for (const [k, c] of this.compiled.entries()) {
      if (c.exclude(item.text)) continue;
      let found: Evidence[] | null = c.any(item.text)
        ? matches(c.text, item.text, (lower ??= item.text.toLowerCase()), c.name)
        : null;
      // The explanation is the item's own text too: "LocalTensor:" is distributed by what its body says.
      const body = item.body?.text;
      if (body && !found && !c.exclude(body) && c.any(body)) found = matches(c.text, body, body.toLowerCase(), c.name);
      if (!c.excludeContext(item.text)) {
        const h = this.headingCache[k]!.get(c.headings, item.section, c.name);
        const p = this.parentCache[k]!.get(c.parents, item.parents, c.name);
        const g = this.groupWordsCache[k]!.get(
          c.text,
          item.parents,
          c.name,
          (t) => namesGroup(t) && c.any(t) && !c.exclude(t),
        );
        if (h.length) (found ??= []).push(...h);
        if (p.length) (found ??= []).push(...p);
        if (g.length) (found ??= []).push(...g);
      }
      if (found?.length) {
        (categories ??= []).push(c.name);
        (evidence ??= []).push(...found);
      }
    }
    // An explicit literal, not a spread: this runs for every item and a spread is several times slower.
    const { id, kind, text, markdown, body, section, parents, breaking, change, refs, group, highlight, author } = item;
    const out: Item = {
      id,
      kind,
      text,
      markdown,
      section,
      parents,
      breaking,
      change,
      refs,
      categories: categories ?? [],
      evidence: evidence ?? [],
    };
    if (body) out.body = body;
    if (group) out.group = true;
    if (highlight) out.highlight = true;
    if (author) out.author = author;
    return out;
  }

  classifyAll(items: readonly ParsedItem[]): Item[] {
    return items.map((i) => this.classify(i));
  }
}
