/**
 * Bullets that give context rather than announce a change: a group label (`tf.lite:`, `c10d`) with the
 * group's items under it, or beside it when the notes indent them badly; and child bullets that explain
 * their parent instead of listing changes under it.
 */
import { isRefsOnly } from './text.js';

/** A few words, often a module name and a colon: `tf.lite:`, `TF Core:`, `c10d`, `Eager:`. */
export function isGroupLabel(text: string): boolean {
  return text.replace(/:$/, '').split(/\s+/).length <= 4;
}

/** A sentence, a conventional-commit type or a credit: not the name of a group. */
const NOT_A_LABEL = /[.!?]\s*$|^\s*\w+(?:\([^)]*\))?!?:\s|\bby @/;

/**
 * A bullet that names a group whose items the notes put beside it instead of under it
 * (`- Enhanced Windows support` right above `- load_inline (#162577)`): a few words that cite no PR
 * while the bullet on the very next line (the caller checks it is) cites one; the refs, which take a scan
 * of both bullets, are asked last.
 */
export function namesMisplacedGroup(text: string, citesOwnOrNextCitesNone: () => boolean): boolean {
  return text.split(/\s+/, 7).length <= 6 && !NOT_A_LABEL.test(text) && !isRefsOnly(text) && !citesOwnOrNextCitesNone();
}

/** How a sentence about its subject starts ("LocalTensor is …" is caught by the subject itself). */
const EXPLAINING = /^(?:it|its|this|these|they|to|note|users?|you|we|when|if|for example|e\.g\.)\b/i;

/**
 * Children that explain their parent (`- LocalTensor:` over "LocalTensor is a powerful debugging tool …",
 * "To get started with LocalTensor, …") are its body, not items: every child talks about the parent's
 * subject or reads as an explanation, and none cites a PR of its own (a refs-only line lists the parent's).
 * The caller checks that the parent is a short label citing no PR.
 */
export function explainsParent<T>(
  parent: string,
  children: readonly T[],
  read: (child: T) => { text: string; cites: boolean },
): boolean {
  const subject = `${parent
    .replace(/[:\s]+$/, '')
    .split(/\s+/)[0]!
    .toLowerCase()} `;
  let prose = 0;
  // Read one child at a time: a group's first child ("Add …") usually settles it.
  for (const child of children) {
    const c = read(child);
    if (isRefsOnly(c.text)) continue;
    if (c.cites || !(c.text.toLowerCase().startsWith(subject) || EXPLAINING.test(c.text))) return false;
    prose++;
  }
  return prose > 0;
}
