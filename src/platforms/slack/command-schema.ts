/**
 * The fields of a Slack slash command we act on, checked after the signature and before Bolt sees them. A
 * signature proves the request came from Slack's signing secret holder, not that each field is what Slack
 * sends: `response_url` is followed (so it must be on Slack's hooks host), the channel id becomes a stored
 * subscription's destination, and every field must be one value (a repeated form key is refused).
 */
import { z } from 'zod';

export const SLACK_HOOKS_HOST = 'hooks.slack.com';

const slackId = (firstLetters: string, what: string) =>
  z.string().regex(new RegExp(`^[${firstLetters}][A-Z0-9]{1,30}$`), `expected a Slack ${what} id`);

/** Where response_url may point: Slack's hooks host over https, or SLACK_API_URL's host (tests, a proxy). */
export function responseUrlAllowed(url: string, apiUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === 'https:' && u.hostname === SLACK_HOOKS_HOST) return true;
  if (!apiUrl) return false;
  const api = new URL(apiUrl);
  return u.protocol === api.protocol && u.hostname === api.hostname;
}

export function slackCommandSchema(apiUrl?: string) {
  return z.object({
    command: z.string().regex(/^\/[\w-]{1,32}$/, 'expected a slash command'),
    text: z.string().max(4000).default(''),
    channel_id: slackId('CDG', 'channel'),
    user_id: slackId('UW', 'user'),
    team_id: slackId('TE', 'team').optional(),
    response_url: z
      .string()
      .refine((u) => responseUrlAllowed(u, apiUrl), `expected an https://${SLACK_HOOKS_HOST}/ URL`),
  });
}

export type SlackCommandFields = z.output<ReturnType<typeof slackCommandSchema>>;

/** Why a command's fields are refused (one line, no values echoed), or null. */
export function slackCommandProblem(
  fields: Record<string, unknown>,
  schema: ReturnType<typeof slackCommandSchema>,
): string | null {
  const r = schema.safeParse(fields);
  if (r.success) return null;
  const first = r.error.issues[0]!;
  return `${first.path.join('.') || 'command'}: ${first.message}`;
}

/** A form body as fields, or why not: each key at most once. */
export function singleValuedForm(body: string): { fields: Record<string, string> } | { why: string } {
  const fields = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(body)) {
    if (fields.has(k)) return { why: `${k.slice(0, 40)}: given more than once` };
    fields.set(k, v);
  }
  return { fields: Object.fromEntries(fields) };
}
