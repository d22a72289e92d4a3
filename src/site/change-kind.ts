/**
 * The kind of change an item is, in the order pages list them. Until items carry their own `change`
 * (a parser feature on its way), breaking items are `breaking` and everything else `other`.
 */
import type { Item } from '../../parsers/model.js';

export const CHANGE_KINDS = [
  'breaking',
  'deprecation',
  'feature',
  'improvement',
  'fix',
  'performance',
  'security',
  'docs',
  'other',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_LABELS: Record<ChangeKind, string> = {
  breaking: 'Breaking',
  deprecation: 'Deprecations',
  feature: 'New features',
  improvement: 'Improvements',
  fix: 'Fixes',
  performance: 'Performance',
  security: 'Security',
  docs: 'Documentation',
  other: 'Other changes',
};

export function changeKind(item: Item): ChangeKind {
  const own = (item as Item & { change?: string }).change;
  if (own && (CHANGE_KINDS as readonly string[]).includes(own)) return own as ChangeKind;
  return item.breaking ? 'breaking' : 'other';
}
