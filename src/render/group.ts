/** Grouping classified items by category for people: in change order (breaking first), each item once per category. */
import { sortByChange } from '../../parsers/change.js';
import type { Item } from '../../parsers/model.js';

export interface CategoryGroup {
  category: string;
  items: Item[];
}

export function groupByCategory(items: readonly Item[], categories: readonly string[]): CategoryGroup[] {
  return categories
    .map((category) => {
      // Stable sort: by kind of change, document order within a kind.
      return { category, items: sortByChange(items.filter((i) => i.categories.includes(category))) };
    })
    .filter((g) => g.items.length > 0);
}
