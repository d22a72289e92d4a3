/** How Discord messages are written: Discord markdown, embeds' room, the `discord/` templates and Discord's limits. */
import type { ChatStyle } from '../types.js';
import { discordViolations } from './limits.js';
import { DISCORD_MARKUP } from './markup.js';

export const DISCORD_STYLE: ChatStyle = {
  markup: DISCORD_MARKUP,
  // Embed description max 4,096; 10 embeds; 6,000 characters over all embeds of a message.
  budget: { chunkChars: 3800, chunksPerPart: 10, partChars: 5000 },
  // Title, a blank line, the link, the footer.
  summaryFrameLines: 4,
  templates: 'discord',
  violations: discordViolations,
};
