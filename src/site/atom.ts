/**
 * Atom 1.0 (RFC 4287) documents, written with every text and attribute escaped: entry content is HTML
 * carried as escaped text (`type="html"`), never CDATA, so `]]>` or markup in release notes stays text.
 * Ids are `urn:uuid:` names derived from what they identify, so they never change between builds. Pure.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../render/html-escape.js';

export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  published?: string | null;
  /** The entry's page on the site. */
  alternate: string;
  /** The release on GitHub. */
  related?: string | null;
  categories: string[];
  html: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle: string;
  /** The feed's own URL (absolute with a base URL, else relative to the feed). */
  self: string;
  /** The page the feed follows. */
  alternate: string;
  entries: AtomEntry[];
}

/** A stable id: a name-based UUID (SHA-1, version 5 layout) of the parts joined. */
export function stableId(...parts: string[]): string {
  const h = createHash('sha1')
    .update(['release-radar', ...parts].join('\u0000'))
    .digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const EPOCH = '1970-01-01T00:00:00.000Z';
/** RFC 3339 as Atom wants it; stored times are ISO already, this only normalizes them. */
const time = (iso: string) => new Date(iso).toISOString().replace(/\.000Z$/, 'Z');

export function atomXml(feed: AtomFeed): string {
  const updated = feed.entries.reduce((m, e) => (e.updated > m ? e.updated : m), EPOCH);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeHtml(feed.id)}</id>`,
    `  <title>${escapeHtml(feed.title)}</title>`,
    `  <subtitle>${escapeHtml(feed.subtitle)}</subtitle>`,
    `  <updated>${time(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeHtml(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeHtml(feed.alternate)}"/>`,
    '  <author><name>release-radar</name></author>',
    '  <generator>release-radar</generator>',
  ];
  for (const e of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${escapeHtml(e.id)}</id>`,
      `    <title>${escapeHtml(e.title)}</title>`,
      `    <updated>${time(e.updated)}</updated>`,
      ...(e.published ? [`    <published>${time(e.published)}</published>`] : []),
      `    <link rel="alternate" type="text/html" href="${escapeHtml(e.alternate)}"/>`,
      ...(e.related ? [`    <link rel="related" type="text/html" href="${escapeHtml(e.related)}"/>`] : []),
      ...e.categories.map((c) => `    <category term="${escapeHtml(c)}"/>`),
      `    <content type="html">${escapeHtml(e.html)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
