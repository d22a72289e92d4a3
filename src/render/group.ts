/** Grouping classified items by category for people: by kind of change (breaking first), each item once per category. */
import type { Item } from '../../parsers/model.js';
import { byKindOfChange } from './message-model.js';

export interface CategoryGroup {
  category: string;
  items: Item[];
}

export function groupByCategory(items: readonly Item[], categories: readonly string[]): CategoryGroup[] {
  return categories
    .map((category) => {
      const inCat = items.filter((i) => i.categories.includes(category));
      return { category, items: byKindOfChange(inCat) };
    })
    .filter((g) => g.items.length > 0);
}
