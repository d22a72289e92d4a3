/** Slack's limits, checked on every rendered payload before anything is sent. Returns the violations. */

interface SlackBlock {
  type?: string;
  text?: { text?: string };
  elements?: unknown[];
  fields?: { text?: string }[];
}

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, contextElements: 10, text: 40_000 };
const len = (s: unknown) => (typeof s === 'string' ? [...s].length : 0);

export function slackViolations(payload: Record<string, unknown>): string[] {
  const out: string[] = [];
  const blocks = (payload.blocks ?? []) as SlackBlock[];
  if (!Array.isArray(blocks)) return ['"blocks" must be an array'];
  if (!len(payload.text) && !blocks.length) out.push('a message needs "text" or "blocks"');
  if (len(payload.text) > SLACK_LIMITS.text)
    out.push(`"text" has ${len(payload.text)} characters (Slack allows ${SLACK_LIMITS.text})`);
  if (blocks.length > SLACK_LIMITS.blocks) out.push(`${blocks.length} blocks (Slack allows ${SLACK_LIMITS.blocks})`);
  blocks.forEach((b, i) => {
    const t = len(b.text?.text);
    if (b.type === 'header' && t > SLACK_LIMITS.headerText)
      out.push(`blocks[${i}] header text has ${t} characters (Slack allows ${SLACK_LIMITS.headerText})`);
    if (b.type === 'section' && t > SLACK_LIMITS.sectionText)
      out.push(`blocks[${i}] section text has ${t} characters (Slack allows ${SLACK_LIMITS.sectionText})`);
    if (b.type === 'context' && (b.elements?.length ?? 0) > SLACK_LIMITS.contextElements)
      out.push(`blocks[${i}] context has more than ${SLACK_LIMITS.contextElements} elements`);
  });
  return out;
}
