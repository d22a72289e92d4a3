/**
 * `poll --dry-run` in text: per destination, what would be posted — messages per event (the summary, then the
 * detail parts) and the items per category it would carry — so that "who would get what" is answered before
 * anything is sent.
 */
import type { Destination, Subscription } from '../config/schema.js';
import { routeEvent } from '../deliver/routing.js';
import { promotedInFull, type ChangeEvent } from '../diff/events.js';
import type { PlannedDelivery } from '../domain/delivery.js';
import type { GitHubLinks } from '../domain/github-links.js';
import { eventModelInput, prepareModel } from '../render/message-model.js';
import { plural } from '../render/plural.js';

export interface DryRunInput {
  events: readonly ChangeEvent[];
  deliveries: readonly PlannedDelivery[];
  destinations: readonly Destination[];
  subscriptions: readonly Subscription[];
  links: GitHubLinks;
}

/** One line per event a destination would get: its messages and its items per category. */
function eventLine(e: ChangeEvent, d: PlannedDelivery, input: DryRunInput, destination: Destination): string {
  const route = routeEvent(e, [destination], input.subscriptions)[0];
  const shown = route?.full ? promotedInFull(e) : e;
  const counts = route ? prepareModel(eventModelInput(shown, input.links), route.filter).counts : [];
  const n = d.payloads.length;
  const parts = n > 1 ? `the summary and ${plural(n - 1, 'detail part')}` : 'the summary only';
  const cats = counts.map((c) => `${c.category} ${c.total} (${c.line})`).join(', ');
  return `  ${e.repo} ${e.tag} ${e.type}: ${plural(n, 'message')} (${parts})${cats ? `; ${cats}` : ''}`;
}

export function renderDryRunReport(input: DryRunInput): string {
  const lines: string[] = [];
  for (const destination of input.destinations) {
    const mine = input.deliveries.filter((d) => d.destination === destination.name);
    const where = `${destination.name} (${destination.type})`;
    if (!mine.length) {
      lines.push(`would post nothing to ${where}`);
      continue;
    }
    const messages = mine.reduce((n, d) => n + d.payloads.length, 0);
    lines.push(`would post ${plural(messages, 'message')} to ${where}:`);
    for (const d of mine) {
      const e = input.events.find((x) => x.id === d.eventId);
      if (e) lines.push(eventLine(e, d, input, destination));
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
