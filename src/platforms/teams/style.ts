/** How Teams messages are written: Teams markdown, an Adaptive Card's room, the `teams/` templates and Teams' limits. */
import type { ChatStyle } from '../types.js';
import { teamsViolations } from './limits.js';
import { TEAMS_MARKUP } from './markup.js';

export const TEAMS_STYLE: ChatStyle = {
  markup: TEAMS_MARKUP,
  // Teams counts 28 KB of the whole request body; our budgets count characters. One character of markup can
  // take 3 bytes (CJK in UTF-8; `\*` escaped again in JSON), so 8,000 characters a card stay under 28 KB.
  budget: { chunkChars: 2600, chunksPerPart: 3, partChars: 8000 },
  // The title, the link action, the footer.
  summaryFrameLines: 3,
  templates: 'teams',
  violations: teamsViolations,
};
