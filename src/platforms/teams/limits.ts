/** Teams' limits, checked on every rendered card before anything is sent. Returns the violations. */

/** A Teams message is limited to about 28 KB (the whole request body). */
export const TEAMS_MAX_BYTES = 28_000;
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

interface Attachment {
  contentType?: string;
  content?: { type?: string; version?: string; body?: unknown };
}

export function teamsViolations(payload: Record<string, unknown>): string[] {
  const out: string[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(payload));
  if (bytes > TEAMS_MAX_BYTES) out.push(`the message is ${bytes} bytes (Teams allows about ${TEAMS_MAX_BYTES})`);
  const attachments = payload.attachments as Attachment[] | undefined;
  if (payload.type !== 'message') out.push('"type" must be "message"');
  if (!Array.isArray(attachments) || attachments.length !== 1) return [...out, 'a message needs one attachment'];
  const [a] = attachments as [Attachment];
  if (a.contentType !== ADAPTIVE_CARD) out.push(`the attachment's contentType must be ${ADAPTIVE_CARD}`);
  if (a.content?.type !== 'AdaptiveCard') out.push('the attachment must be an AdaptiveCard');
  if (!/^1\.[0-5]$/.test(a.content?.version ?? '')) out.push('Workflows take Adaptive Cards 1.0 to 1.5');
  if (!Array.isArray(a.content?.body) || !a.content.body.length) out.push('the card needs a body');
  return out;
}
