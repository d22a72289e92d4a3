/**
 * How the site names each kind of change. The kinds, their order and an item's kind come from the model
 * (parsers/change.ts); items stored before they carried `change` are `breaking` or `other`.
 */
import { type ChangeKind, changeOf } from '../../parsers/change.js';
import type { Item } from '../../parsers/model.js';

export { CHANGE_KINDS, type ChangeKind } from '../../parsers/change.js';

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
  return changeOf(item);
}
