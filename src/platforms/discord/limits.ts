/** Discord's limits, checked on every rendered payload before anything is sent. Returns the violations. */

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
