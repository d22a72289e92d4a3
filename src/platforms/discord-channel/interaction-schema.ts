/**
 * The shape of a Discord interaction we act on, checked before anything is built from it: its id, token and
 * application id go into REST paths (`/interactions/{id}/{token}/callback`, `/webhooks/{application_id}/{token}`),
 * so each must be what Discord sends (snowflakes are digits; tokens letters, digits, `_`, `-`, `.`, never a
 * leading dot) or the interaction is refused. The same check serves the HTTP endpoint and the gateway.
 */
import { z } from 'zod';

const Snowflake = z.string().regex(/^\d{1,20}$/, 'expected a snowflake (digits)');
const Token = z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,999}$/, 'expected an interaction token');
const User = z.object({ id: Snowflake });

export interface InteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: InteractionOption[];
}

/** Subcommand groups nest options two levels deep at most; a third level is refused. */
const optionAt = (depth: number): z.ZodType<InteractionOption> =>
  z.object({
    name: z.string().max(100),
    type: z.number().int(),
    value: z.union([z.string().max(6000), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options:
      depth < 3
        ? z
            .array(optionAt(depth + 1))
            .max(25)
            .optional()
        : z.undefined(),
  });

export const InteractionSchema = z.object({
  id: Snowflake,
  type: z.number().int(),
  token: Token,
  application_id: Snowflake,
  channel_id: Snowflake.optional(),
  channel: z.object({ id: Snowflake }).optional(),
  guild_id: Snowflake.optional(),
  member: z.object({ user: User }).optional(),
  user: User.optional(),
  data: z.object({ name: z.string().max(100), options: z.array(optionAt(1)).max(25).optional() }).optional(),
});

export type Interaction = z.output<typeof InteractionSchema>;

/** The interaction, or why it is refused (one line, no values echoed). */
export function checkInteraction(
  raw: unknown,
  applicationId?: string,
): { ok: true; interaction: Interaction } | { ok: false; why: string } {
  const r = InteractionSchema.safeParse(raw);
  if (!r.success) {
    const first = r.error.issues[0]!;
    return { ok: false, why: `${first.path.join('.') || 'interaction'}: ${first.message}` };
  }
  if (applicationId && r.data.application_id !== applicationId)
    return { ok: false, why: 'application_id: not this application' };
  return { ok: true, interaction: r.data };
}

/** The first answer to an interaction: the HTTP response, or the callback route for gateway interactions. */
export type InteractionResponder = (response: Record<string, unknown>) => void | Promise<void>;
