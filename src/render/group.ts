/** Grouping classified items by category for people: breaking first, each item once per category. */
import type { Item } from '../../parsers/model.js';

export interface CategoryGroup {
  category: string;
  items: Item[];
}

export function groupByCategory(items: readonly Item[], categories: readonly string[]): CategoryGroup[] {
  return categories
    .map((category) => {
      const inCat = items.filter((i) => i.categories.includes(category));
      // Stable sort: breaking items first, document order otherwise.
      return { category, items: [...inCat.filter((i) => i.breaking), ...inCat.filter((i) => !i.breaking)] };
    })
    .filter((g) => g.items.length > 0);
}
