/**
 * Microsoft Teams channels through a Workflows webhook: one Adaptive Card per message. A Workflows webhook
 * cannot reply in a thread, so `detail: summary` (the default) sends the summary card alone and `detail: full`
 * sends the details as more cards after it.
 */
import { templatedPlan } from '../chat-message.js';
import type { Platform } from '../types.js';
import { escapeTeams, TEAMS_MARKUP } from './markup.js';
import { teamsMessageHtml } from './preview.js';
import { secretShapes, type TeamsDestination } from './schema.js';
import { TEAMS_STYLE } from './style.js';

export const teams: Platform<TeamsDestination> = {
  type: 'teams',
  plan: (ctx) =>
    templatedPlan(
      TEAMS_STYLE,
      {
        ...ctx,
        filter: ctx.destination.detail === 'summary' ? { ...ctx.filter, detail: 'summary' } : ctx.filter,
      },
      false,
    ),
  threads: () => false,
  createSender: async (d, env) =>
    (await import('./sender.js')).createTeamsSender({ url: d.webhook_url, retry: env.retry }),
  // Workflows throttle each flow (a few posts a second): keep the cards of one message apart.
  spacingMs: 300,
  secrets: (d) => [d.webhook_url],
  // The flow's signature is in its URL's query (`sig=…`).
  secretPatterns: secretShapes,
  preview: { family: TEAMS_MARKUP.name, messageHtml: teamsMessageHtml },
  templateFilters: { teams_md: escapeTeams },
};
