/**
 * Multi-label, explainable classification. Each category's rules are compiled once; an item gets a
 * category when any of its rules fires, and every rule that fired is kept as evidence.
 */
import type { CategoryRules } from '../config/schema.js';
import type { Evidence, Item, ParsedItem } from '../model.js';
import { compileKeyword, compileModule, compilePattern } from './patterns.js';

type Field = 'headings' | 'parents' | 'modules' | 'keywords' | 'regexes';

interface Rule {
  rule: string;
  re: RegExp;
}

interface CompiledCategory {
  name: string;
  /** Rules on the item's own text; `any` is their union, a cheap first test before finding which fired. */
  text: Rule[];
  any: RegExp | null;
  headings: Rule[];
  parents: Rule[];
  exclude: Rule[];
  excludeContext: Rule[];
}

function rules(field: Field | 'exclude' | 'exclude_context', list: string[], compile: (s: string) => RegExp): Rule[] {
  return list.map((p) => ({ rule: `${field}:${p}`, re: compile(p) }));
}

function union(list: Rule[]): RegExp | null {
  if (!list.length) return null;
  // Every compiled rule is case-insensitive unless the user gave flags; keep the union conservative.
  const caseSensitive = list.some((r) => !r.re.flags.includes('i'));
  return new RegExp(list.map((r) => `(?:${r.re.source})`).join('|'), caseSensitive ? '' : 'i');
}

export function compileCategories(categories: Record<string, CategoryRules>): CompiledCategory[] {
  return Object.entries(categories).map(([name, r]) => {
    const text = [
      ...rules('modules', r.modules, compileModule),
      ...rules('keywords', r.keywords, compileKeyword),
      ...rules('regexes', r.regexes, compilePattern),
    ];
    return {
      name,
      text,
      any: text.some((t) => !t.re.flags.includes('i')) ? null : union(text),
      headings: rules('headings', r.headings, compilePattern),
      parents: rules('parents', r.parents, compilePattern),
      exclude: rules('exclude', r.exclude, compilePattern),
      excludeContext: rules('exclude_context', r.exclude_context, compilePattern),
    };
  });
}

function firstMatch(rulesList: Rule[], texts: readonly string[], category: string, out: Evidence[]): void {
  for (const r of rulesList) {
    for (const t of texts) {
      const m = r.re.exec(t);
      if (m) {
        out.push({ category, rule: r.rule, match: m[0] || t });
        break;
      }
    }
  }
}

export class Classifier {
  private readonly compiled: CompiledCategory[];
  readonly categories: string[];

  constructor(categories: Record<string, CategoryRules>) {
    this.compiled = compileCategories(categories);
    this.categories = this.compiled.map((c) => c.name);
  }

  classify(item: ParsedItem): Item {
    const evidence: Evidence[] = [];
    const categories: string[] = [];
    for (const c of this.compiled) {
      if (c.exclude.some((r) => r.re.test(item.text))) continue;
      const found: Evidence[] = [];
      if (c.any === null || c.any.test(item.text)) firstMatch(c.text, [item.text], c.name, found);
      if (!c.excludeContext.some((r) => r.re.test(item.text))) {
        firstMatch(c.headings, item.section, c.name, found);
        firstMatch(c.parents, item.parents, c.name, found);
      }
      if (found.length) {
        categories.push(c.name);
        evidence.push(...found);
      }
    }
    return { ...item, categories, evidence };
  }

  classifyAll(items: readonly ParsedItem[]): Item[] {
    return items.map((i) => this.classify(i));
  }
}
