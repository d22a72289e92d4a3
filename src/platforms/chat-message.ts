/**
 * Messages of the chat platforms (Slack, Discord, Teams): the event's message model laid out in the platform's
 * markup and room (a summary, then detail parts), each part rendered by the platform's templates and checked
 * against its limits. A platform adds only what its API needs per part (`shape`).
 */
import { buildParts, type Part } from '../render/message.js';
import type { ChangeEvent } from '../diff/events.js';
import type { ChatStyle, DestinationBase, PlanContext } from './types.js';

/** Discord thread names are at most 100 characters; Slack and Teams show the same text. */
export const threadName = (e: ChangeEvent): string => `${e.repo} ${e.tag}`.slice(0, 100);

export function templatedPlan<D extends DestinationBase>(
  style: ChatStyle,
  ctx: PlanContext<D>,
  threaded: boolean,
  shape: (body: Record<string, unknown>, part: Part) => Record<string, unknown> = (body) => body,
): Record<string, unknown>[] | null {
  const rendered = buildParts(ctx.input, ctx.filter, style, ctx.cache);
  if (!rendered) return null; // nothing in this destination's categories
  return rendered.parts.map((part) =>
    shape(ctx.renderer.render(style, ctx.event.type, rendered, part, { thread: threaded }), part),
  );
}
