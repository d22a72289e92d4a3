/**
 * Discord markdown. Untrusted text gets its markdown escaped (discord.js's `escapeMarkdown`, masked links
 * included) and mentions broken with a zero-width space; every message is also sent with
 * `allowed_mentions: {parse: []}`.
 */
import { escapeMarkdown } from '@discordjs/formatters';
import type { MarkupStyle } from '../../render/markup.js';

const ZWSP = '\u200b';

/** Mentions made harmless in Discord text that is otherwise left as markdown. */
export function breakMentions(s: string): string {
  return s.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<([@#]|a?:)/g, `<${ZWSP}$1`);
}

export function escapeDiscord(s: string): string {
  // Item lines always follow a bullet, so `#`, `-` and `>` cannot start a heading, list or quote.
  return breakMentions(escapeMarkdown(s, { maskedLink: true }));
}

export const DISCORD_MARKUP: MarkupStyle = {
  name: 'discord',
  bullet: '-',
  text: escapeDiscord,
  bold: (s) => `**${s}**`,
  italic: (s) => `_${s}_`,
  strike: (s) => `~~${s}~~`,
  code: (raw) => `\`${raw.replace(/`/g, 'ˋ').replace(/@(everyone|here)/gi, `@${ZWSP}$1`)}\``,
  codeBlock: (raw) => `\`\`\`\n${breakMentions(raw)}\n\`\`\``,
  link: (url, text) => `[${text}](${url})`,
  autolink: (url) => `<${url}>`,
};
