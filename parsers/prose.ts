/**
 * Prose that is not a change: pointers to other pages and the release's framing. Such a paragraph is never
 * an item, and it is not the explanation of the item before it either.
 */
import type { Paragraph, PhrasingContent } from 'mdast';

/** "See the tutorial …", "*To see a full list …", "For more details …, you can look at the blog post". */
const POINTER =
  /^\W*(?:see\b|refer to\b|please (?:see|refer|read|check|visit|look)\b|check out\b|(?:read|learn|find out) more\b|for (?:more|further|full|additional|the full) (?:details|information|info|context|list)\b|more (?:details|information|info) (?:can be found|is available|are available|here)\b|to (?:see|learn|read) (?:more|a full|the full)\b)/i;
/** "… click here." anywhere in the sentence. */
const CLICK = /\bclick (?:\[?here|on this|the link)\b/i;

/** Greetings, thanks and "Below are the full release notes": about the release, not a change in it. */
const FRAMING =
  /^\W*(?:we(?: are|'re) (?:excited|happy|pleased|proud|thrilled|delighted)\b|we hope\b|(?:many |special |big )?thanks?\b|thank you\b|(?:a )?(?:big |huge |special )?shout-?outs?\b|this release (?:is composed of|contains contributions|includes contributions)\b|below (?:are|is|you will find) the\b|as always\b|enjoy\b)/i;

/** Asking for feedback is framing wherever it stands in the sentence. */
const ASKS = /\blet us know\b/i;

export function isPointerOrFraming(text: string): boolean {
  // (the two searches through the whole sentence run only where their word is there at all)
  return (
    POINTER.test(text) ||
    FRAMING.test(text) ||
    (text.includes('lick') && CLICK.test(text)) ||
    (text.includes(' know') && ASKS.test(text))
  );
}

/** A paragraph that is only pictures (and links around them): shown with an item, never one itself. */
export function isImageOnly(node: Paragraph): boolean {
  const visual = (n: PhrasingContent): boolean =>
    n.type === 'image' ||
    n.type === 'imageReference' ||
    (n.type === 'text' && !n.value.trim()) ||
    n.type === 'break' ||
    (n.type === 'link' && n.children.every(visual));
  return node.children.length > 0 && node.children.every(visual);
}

/** A lead-in names what the list below it holds: "Main features are:", "The following PRs add … for FSDP2:". */
export function endsWithColon(text: string): boolean {
  return /:\s*$/.test(text);
}
