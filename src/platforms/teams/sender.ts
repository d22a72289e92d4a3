/** Teams Workflows webhooks: one Adaptive Card per POST; the flow answers 202 Accepted and no message id. */
import { randomUUID } from 'node:crypto';
import { jsonPoster } from '../post-json.js';
import type { RetryPolicy, Sender } from '../sender.js';

export function createTeamsSender(opts: { url: string; retry: RetryPolicy }): Sender {
  // A flow that is turned off or deleted answers 404 (WorkflowNotFound) or 403.
  const poster = jsonPoster({ label: 'Teams workflow', url: opts.url, retry: opts.retry });
  return {
    retries: poster.retries,
    async send(payload) {
      await poster.post(payload);
      return { messageId: `teams:${randomUUID()}` };
    },
  };
}
