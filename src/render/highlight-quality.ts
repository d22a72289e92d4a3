/**
 * Which items a summary may highlight: those that name what changed. A reader scanning a channel learns
 * nothing from an explanation paragraph, a pointer ("See the blog post"), framing prose ("We decided to …")
 * or a CI, test or internal item: those stay in the thread. Also the bench's highlight-quality figure. Pure.
 */
import { CHORE, TESTS } from '../../parsers/change-words.js';
import type { Item } from '../../parsers/model.js';
import { isPointerOrFraming } from '../../parsers/prose.js';

export type NotAHighlight = 'explanation' | 'pointer or framing' | 'no subject' | 'CI, tests or internal';

/**
 * Openings that do not name what changed: the notes' authors speaking ("We decided to …", "You can now …"),
 * a pronoun for something said before ("It …", "They …"), the release itself ("This release …").
 */
const NO_SUBJECT =
  /^\W*(?:we|we've|we're|our|you|your|it|it's|they|there|here|this (?:release|version|update)|these (?:changes|releases))\b/i;

const SERIOUS = new Set(['breaking', 'deprecation', 'security']);

/** Why `item` (as the message model places it: `titled` when a `### Title (#N)` heading names it) is no highlight. */
export function notAHighlight(item: Item, titled: boolean): NotAHighlight | null {
  if (titled || item.kind === 'heading') return null;
  // A paragraph of its own (no bullet, no title): prose that explains rather than names a change.
  if (item.kind === 'paragraph') return 'explanation';
  const text = item.text;
  if (isPointerOrFraming(text)) return 'pointer or framing';
  if (NO_SUBJECT.test(text)) return 'no subject';
  // A breaking change, a deprecation or a security fix matters whatever it touches (`torch.testing` is an API).
  if (!SERIOUS.has(item.change) && (TESTS.test(text) || CHORE.test(text))) return 'CI, tests or internal';
  return null;
}
