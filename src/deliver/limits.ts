/** Platform limits, checked on every rendered payload before anything is sent. Returns the violations. */

interface SlackBlock {
  type?: string;
  text?: { text?: string };
  elements?: unknown[];
  fields?: { text?: string }[];
}

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, contextElements: 10, text: 40_000 };
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  total: 6000,
};

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

interface DiscordEmbed {
  title?: string;
  description?: string;
  fields?: { name?: string; value?: string }[];
  footer?: { text?: string };
  author?: { name?: string };
}

export function discordViolations(payload: Record<string, unknown>): string[] {
  const out: string[] = [];
  const embeds = (payload.embeds ?? []) as DiscordEmbed[];
  if (!Array.isArray(embeds)) return ['"embeds" must be an array'];
  const L = DISCORD_LIMITS;
  if (!len(payload.content) && !embeds.length) out.push('a message needs "content" or "embeds"');
  if (len(payload.content) > L.content)
    out.push(`content has ${len(payload.content)} characters (Discord allows ${L.content})`);
  if (embeds.length > L.embeds) out.push(`${embeds.length} embeds (Discord allows ${L.embeds})`);
  let total = 0;
  embeds.forEach((e, i) => {
    const check = (what: string, n: number, max: number) => {
      if (n > max) out.push(`embeds[${i}] ${what} has ${n} characters (Discord allows ${max})`);
      total += n;
    };
    check('title', len(e.title), L.title);
    check('description', len(e.description), L.description);
    check('footer', len(e.footer?.text), L.footer);
    check('author', len(e.author?.name), L.author);
    if ((e.fields?.length ?? 0) > L.fields)
      out.push(`embeds[${i}] has ${e.fields!.length} fields (Discord allows ${L.fields})`);
    e.fields?.forEach((f, j) => {
      check(`fields[${j}].name`, len(f.name), L.fieldName);
      check(`fields[${j}].value`, len(f.value), L.fieldValue);
    });
  });
  if (total > L.total) out.push(`embeds have ${total} characters in all (Discord allows ${L.total})`);
  const am = payload.allowed_mentions as { parse?: unknown[] } | undefined;
  if (!am || !Array.isArray(am.parse) || am.parse.length)
    out.push('allowed_mentions must be {"parse": []} so release text cannot ping');
  return out;
}
