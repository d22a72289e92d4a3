/**
 * Teams' markdown, as Adaptive Card TextBlocks show it: bold, italic, lists and links, no code spans, no
 * strike. Untrusted text gets markdown's punctuation backslash-escaped, so it formats nothing and an
 * `<at>` mention tag stays text (Teams pings only mentions declared in the card, and we declare none).
 */
import type { MarkupStyle } from '../../render/markup.js';

/** Markdown's punctuation that a TextBlock acts on; `[` and `]` escaped leave no link for `(` `)` to finish. */
export const escapeTeams = (s: string): string => s.replace(/[\\`*_[\]<>]/g, '\\$&');

export const TEAMS_MARKUP: MarkupStyle = {
  name: 'teams',
  bullet: '-',
  text: escapeTeams,
  bold: (s) => `**${s}**`,
  italic: (s) => `_${s}_`,
  // Neither strike nor code exists in a TextBlock: the text stays, as text.
  strike: (s) => s,
  code: (raw) => escapeTeams(raw),
  codeBlock: (raw) => escapeTeams(raw),
  link: (url, text) => `[${text}](${url})`,
  autolink: (url) => `[${escapeTeams(url)}](${url})`,
};
