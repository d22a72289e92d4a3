/**
 * Slack mrkdwn. Untrusted text gets `&`, `<`, `>` escaped, which also defuses `<!channel>` and `<@U…>`;
 * Slack has no backslash escape, so identifiers that would start italics go in code (see `slackText`).
 */
import type { MarkupStyle } from '../../render/markup.js';

export function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Untrusted text (not code) as Slack mrkdwn. Slack has no backslash escape: an underscore at the edge of a
 * word opens or closes italics (`_get_slice_mesh_layout (#1) · _distributed_` turns italic up to the tag),
 * and a `*` or `~` there bold or strike (`**kwargs`, `~Tensor`), while one inside a word (`get_slice`) does not. Such identifiers are code, so they go in backticks, where
 * Slack formats nothing; unlike a zero-width character, that keeps them intact when copied.
 */
export function slackText(s: string): string {
  return escapeSlack(s).replace(/(?<![\w.`*~])[*~]*[\w.]*\w[*~]*(?![\w`*~])/g, (w) =>
    EDGE_UNDERSCORE.test(w) || EDGE_STAR_TILDE.test(w) ? `\`${w}\`` : w,
  );
}

/** `_private`, `__init__`, `name_`: an underscore at a word's edge, where Slack opens or closes italics. */
const EDGE_UNDERSCORE = /(^|[^a-z\d])_|_([^a-z\d]|$)/i;
/**
 * `**kwargs`, `*args`, `~Tensor`, `T*`: a `*` or `~` against a word's edge opens or closes bold or strike
 * (`**kwargs … Module~`). Inside a word (`a*b`) or before a number (`~5%`) it reads as itself.
 */
const EDGE_STAR_TILDE = /^[*~]+[a-z_]|\w[*~]+$/i;

export const SLACK_MARKUP: MarkupStyle = {
  name: 'slack',
  bullet: '•',
  text: slackText,
  bold: (s) => `*${s}*`,
  italic: (s) => `_${s}_`,
  strike: (s) => `~${s}~`,
  code: (raw) => `\`${escapeSlack(raw.replace(/`/g, 'ˋ'))}\``,
  codeBlock: (raw) => `\`\`\`\n${escapeSlack(raw)}\n\`\`\``,
  link: (url, text) => `<${url}|${text}>`,
  autolink: (url) => `<${url}>`,
};
