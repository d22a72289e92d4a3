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
 * while one inside a word (`get_slice`) does not. Such identifiers are code, so they go in backticks, where
 * Slack formats nothing; unlike a zero-width character, that keeps them intact when copied.
 */
export function slackText(s: string): string {
  return escapeSlack(s).replace(/(?<![\w.`])[\w.]*\w(?![\w`])/g, (w) =>
    /(^|[^a-z\d])_|_([^a-z\d]|$)/i.test(w) ? `\`${w}\`` : w,
  );
}

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
