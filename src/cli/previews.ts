/** `--preview DIR`: writes one HTML page per destination (see src/render/preview). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Destination, Subscription } from '../config/schema.js';
import { platformOf } from '../platforms/registry.js';
import type { TemplateRenderer } from '../render/templates.js';
import type { ChangeEvent } from '../diff/events.js';
import type { PlannedDelivery } from '../domain/delivery.js';
import { previewFileName, previewHtml, type PreviewDestination } from '../render/preview/page.js';
import { EVENT_TYPES } from '../diff/events.js';

/** With no destination configured, the preview shows what a Slack channel and a Discord channel would get. */
export const PREVIEW_ROUTES: { destinations: Destination[]; subscriptions: Subscription[] } = {
  destinations: [
    { name: 'slack-preview', type: 'slack', channel: 'C0PREVIEW', token: 'xoxb-preview' },
    { name: 'discord-preview', type: 'discord-channel', channel_id: '0', token: 'preview' },
  ],
  subscriptions: ['slack-preview', 'discord-preview'].map((destination) => ({
    destination,
    events: [...EVENT_TYPES],
    prereleases: true,
    breaking_only: false,
  })),
};

export function writePreviewPages(dir: string, renderer: TemplateRenderer, pages: PreviewDestination[]): string[] {
  mkdirSync(dir, { recursive: true });
  return pages.map((p) => {
    const file = join(dir, previewFileName(p.name));
    writeFileSync(file, previewHtml(renderer, p));
    return file;
  });
}

/** The planned deliveries of a poll, one page per destination that gets something. */
export function deliveryPreviews(
  destinations: readonly Destination[],
  deliveries: readonly PlannedDelivery[],
  events: readonly ChangeEvent[],
): PreviewDestination[] {
  return destinations.flatMap((d) => {
    const mine = deliveries.filter((x) => x.destination === d.name);
    if (!mine.length) return [];
    return [
      {
        name: d.name,
        type: d.type,
        preview: platformOf(d).preview,
        threaded: platformOf(d).threads(d),
        conversations: mine.map((x) => {
          const e = events.find((ev) => ev.id === x.eventId);
          return { title: e ? `${e.repo} ${e.tag} ${e.type}` : x.eventId, payloads: x.payloads };
        }),
      },
    ];
  });
}
