/** How Teams messages are written: Teams markdown, an Adaptive Card's room, the `teams/` templates and Teams' limits. */
import type { ChatStyle } from '../types.js';
import { teamsViolations } from './limits.js';
import { TEAMS_MARKUP } from './markup.js';

export const TEAMS_STYLE: ChatStyle = {
  markup: TEAMS_MARKUP,
  // About 28 KB a message, JSON-escaped: a TextBlock per chunk, six to a card, 16,000 characters of text.
  budget: { chunkChars: 3000, chunksPerPart: 6, partChars: 16_000 },
  // The title, the link action, the footer.
  summaryFrameLines: 3,
  templates: 'teams',
  violations: teamsViolations,
};
