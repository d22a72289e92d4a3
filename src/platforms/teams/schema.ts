/** The config entries of Microsoft Teams channels, posted to through a Teams Workflows webhook. */
import { z } from 'zod';
import type { SecretPattern } from '../../domain/redact.js';
import { DestinationName, fromEnv } from '../destination-fields.js';

export const TeamsDestinationSchema = z.strictObject({
  name: DestinationName,
  type: z
    .literal('teams')
    .describe('A Microsoft Teams channel, through a Workflows flow "When a Teams webhook request is received".'),
  // Workflows URLs differ per tenant and region (logic.azure.com, environment.api.powerplatform.com…): any https
  // URL; plain http only to this machine (a local relay, the fake in tests).
  webhook_url: fromEnv(
    /^https:\/\/\S+$|^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\/\S*$/,
    'expected the https URL of a Teams Workflows webhook (plain http only to localhost)',
  ).describe("The flow's HTTP POST URL, from the environment: ${TEAMS_WEBHOOK_URL} (it carries the flow's signature)."),
  detail: z
    .enum(['summary', 'full'])
    .default('summary')
    .describe(
      'summary: one card (counts, highlights, the release link); full: the details follow as more cards (a Workflows webhook cannot reply in a thread).',
    ),
});
export type TeamsDestination = z.output<typeof TeamsDestinationSchema>;

/** The shapes its secrets take, for text that quotes one never registered (every command's redactor). */
export const secretShapes: readonly SecretPattern[] = [
  // A Teams Workflows URL carries the flow's signature in its query.
  [/([?&]sig=)[^&\s"'<>]+/g, '$1[secret]'],
];
