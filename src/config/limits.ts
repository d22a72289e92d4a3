/**
 * Bounds on a config, checked when it is read, before anything is built from it: a config is written by people,
 * and one far past these (300,000 keywords hung `parse` for two minutes at 528 MB) is a mistake or an attack.
 * The built-in categories hold 275 rules, the longest pattern 344 characters.
 */
export const CONFIG_LIMITS = {
  /** The config file, in bytes. */
  bytes: 1024 * 1024,
  /** YAML aliases (`*name`) in the file: a few are handy, thousands expand to gigabytes. */
  aliases: 100,
  /** Rules (headings, parents, modules, keywords, regexes, exclude, exclude_context) over all categories. */
  rules: 5000,
  /** Characters in one rule. */
  ruleChars: 1000,
  /** Categories of your own. */
  categories: 200,
} as const;

const RULE_FIELDS = ['headings', 'parents', 'modules', 'keywords', 'regexes', 'exclude', 'exclude_context'];

/** Problems with the size of a raw (parsed, not yet validated) config: one line each, with the limit and the fix. */
export function configSizeProblems(raw: unknown): string[] {
  const categories = (raw as { categories?: unknown } | null)?.categories;
  if (!categories || typeof categories !== 'object' || Array.isArray(categories)) return [];
  const problems: string[] = [];
  const entries = Object.entries(categories);
  if (entries.length > CONFIG_LIMITS.categories)
    problems.push(`categories: ${entries.length} categories (at most ${CONFIG_LIMITS.categories}); merge some`);
  let rules = 0;
  for (const [name, rulesOf] of entries) {
    if (!rulesOf || typeof rulesOf !== 'object') continue;
    for (const field of RULE_FIELDS) {
      const list = (rulesOf as Record<string, unknown>)[field];
      if (!Array.isArray(list)) continue;
      rules += list.length;
      const long = list.findIndex((p) => typeof p === 'string' && p.length > CONFIG_LIMITS.ruleChars);
      if (long >= 0)
        problems.push(
          `categories.${name}.${field}[${long}]: a rule of ${(list[long] as string).length} characters (at most ${CONFIG_LIMITS.ruleChars}); split it into several`,
        );
    }
  }
  if (rules > CONFIG_LIMITS.rules)
    problems.push(
      `categories: ${rules} rules in all (at most ${CONFIG_LIMITS.rules}); a rule names a kind of thing (a module, a word), so a few hundred cover a category`,
    );
  return problems;
}
