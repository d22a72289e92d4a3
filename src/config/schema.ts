/**
 * The one source of truth for the config file. `npm run schema` writes config/schema.json from it
 * for editors; every field carries a description that ends up there.
 */
import { z } from 'zod';
import { patternError } from '../classify/patterns.js';

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
    exclude: patterns('Regexes tried on the item text; a match keeps the item out of the category whatever else fired.'),
    exclude_context: patterns(
      'Regexes tried on the item text; a match ignores the heading and parent rules for it (its own text must match).',
    ),
  })
  .describe('A category: the rules that put an item in it. Case-insensitive unless a regex is written /src/flags.');

export type CategoryRules = z.output<typeof CategoryRulesSchema>;

const CategoryName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'a category name is lower case letters, digits, "-" or "_", starting with a letter');

export const CategoriesSchema = z.record(CategoryName, CategoryRulesSchema);

const RepoName = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected "owner/name", e.g. "pytorch/pytorch"');

export const RepoSchema = z
  .union([
    RepoName,
    z.strictObject({
      name: RepoName.describe('The GitHub repository, "owner/name".'),
      aliases: z.array(z.string().min(1)).default([]).describe('Short names for chat commands (e.g. "torch").'),
    }),
  ])
  .transform((r) => (typeof r === 'string' ? { name: r, aliases: [] as string[] } : r));

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    repos: z
      .array(RepoSchema)
      .min(1)
      .prefault(['pytorch/pytorch', 'tensorflow/tensorflow'])
      .describe('Repositories whose GitHub releases are tracked.'),
    categories: CategoriesSchema.default({}).describe(
      'Your categories, added to the built-in ones (mobile, distributed, packaging, windows, quantization); a built-in name replaces that category unless `extend: true`.',
    ),
    only_categories: z
      .array(CategoryName)
      .optional()
      .describe('Classify only into these categories (default: every built-in and configured category).'),
    poll: z
      .strictObject({
        initial: z
          .enum(['latest', 'none', 'all'])
          .default('latest')
          .describe('A repo seen for the first time: emit an event for its newest release only, none, or all.'),
        per_page: z.number().int().min(1).max(100).default(30).describe('Releases per GitHub page.'),
      })
      .default({ initial: 'latest', per_page: 30 }),
  })
  .describe('release-radar configuration (release-radar.yaml).');

export type Config = z.output<typeof ConfigSchema>;
export type RepoConfig = Config['repos'][number];

/** The built-in categories file: just the categories map. */
export const CategoriesFileSchema = z.strictObject({ categories: CategoriesSchema });
