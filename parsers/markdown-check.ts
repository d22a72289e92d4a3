/**
 * Checks that the front end's tree (parsers/markdown.ts, with its lighter literal autolinks) is the one
 * remark-gfm gives: for tests and the corpus fuzz, never on the parse path.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Nodes, Root } from 'mdast';
import { parseMarkdown, parseWithRemarkGfm } from './markdown.js';

/**
 * Null when both trees are the same; else where they first differ. Positions are compared for blocks only:
 * text split around an address the transform links has none (the parser slices the source by the positions
 * of blocks, which are always the same).
 */
export function sameTreeAsRemarkGfm(source: string): string | null {
  return treeDifference(parseWithRemarkGfm(source), parseMarkdown(source));
}

/** Where two trees first differ, inline positions aside; null when they do not. */
export function treeDifference(a: Root, b: Root): string | null {
  return firstDifference(a, b, 'root', false);
}

const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell']);

function firstDifference(a: Nodes, b: Nodes, path: string, inline: boolean): string | null {
  const { children: ak, ...aRest } = a as Nodes & { children?: Nodes[] };
  const { children: bk, ...bRest } = b as Nodes & { children?: Nodes[] };
  if (inline) [aRest, bRest].forEach((n) => delete n.position);
  if (!isDeepStrictEqual(aRest, bRest)) return `${path}: ${JSON.stringify(aRest)} vs ${JSON.stringify(bRest)}`;
  if (!ak || !bk) return ak === bk ? null : `${path}: children differ`;
  if (ak.length !== bk.length) return `${path}: ${ak.length} vs ${bk.length} children`;
  for (let i = 0; i < ak.length; i++) {
    const d = firstDifference(ak[i]!, bk[i]!, `${path} > ${ak[i]!.type}[${i}]`, inline || PHRASING_PARENTS.has(a.type));
    if (d) return d;
  }
  return null;
}
