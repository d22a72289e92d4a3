/**
 * The rule language of a category, owned by the classifier; the config schema composes it. Every field
 * carries a description that ends up in config/schema.json.
 */
import { z } from 'zod';
import { patternError } from './patterns.js';

const Pattern = z
  .string()
  .min(1)
  .superRefine((p, ctx) => {
    const err = patternError(p);
    if (err) ctx.addIssue({ code: 'custom', message: `${err}; expected a JavaScript regular expression` });
  });

const patterns = (what: string) => z.array(Pattern).default([]).describe(what);
const literals = (what: string) => z.array(z.string().min(1)).default([]).describe(what);

export const CategoryRulesSchema = z
  .strictObject({
    description: z.string().optional().describe('What belongs in this category, for people reading the config.'),
    extend: z
      .boolean()
      .default(false)
      .describe('Add these rules to the built-in category of the same name instead of replacing it.'),
    headings: patterns('Regexes tried on each heading above the item (e.g. "^distributed$").'),
    parents: patterns('Regexes tried on each parent bullet of the item (e.g. "^tf\\.lite\\b").'),
    modules: literals('Module names matched in the item text, sub-modules included (e.g. "torch.distributed").'),
    keywords: literals('Words or phrases matched as whole words in the item text, case-insensitively.'),
    regexes: patterns('Regexes tried on the item text.'),
    exclude: patterns(
      'Regexes tried on the item text; a match keeps the item out of the category whatever else fired.',
    ),
    exclude_context: patterns(
      'Regexes tried on the item text; a match ignores the heading and parent rules for it (its own text must match).',
    ),
  })
  .describe('A category: the rules that put an item in it. Case-insensitive unless a regex is written /src/flags.');

export type CategoryRules = z.output<typeof CategoryRulesSchema>;
