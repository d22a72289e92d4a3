/**
 * The upgrade-report fixture (test/fixtures/report/): acme/widgets' releases v1.0.0 to v2.0.1, published in
 * the order a real project would (the patch release v1.1.1 after v1.2.0), so listing order is not version order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeGitHub } from '../../src/fakes/github.js';
import { parseAndClassify } from '../../src/notes.js';
import type { ReportRelease } from '../../src/report/model.js';
import { classifier } from './poll.js';

export const WIDGETS = 'acme/widgets';
const DIR = join(import.meta.dirname, '..', 'fixtures', 'report');

/** Publication order, oldest first. */
export const PUBLISHED = ['v1.0.0', 'v1.1.0rc1', 'v1.1.0', 'v1.2.0', 'v1.1.1', 'v2.0.0rc1', 'v2.0.0', 'v2.0.1'];

export const widgetsNotes = (tag: string) => readFileSync(join(DIR, `${tag}.md`), 'utf8');

/** Publishes the fixture's releases on the fake GitHub (each later one newer: GitHub lists newest first). */
export function publishWidgets(gh: FakeGitHub, upTo = PUBLISHED.length): void {
  for (const tag of PUBLISHED.slice(0, upTo))
    gh.publish(WIDGETS, { tag_name: tag, body: widgetsNotes(tag), prerelease: /rc/.test(tag) });
}

/** The fixture's releases as report input, parsed and classified, in the order given. */
export function widgetsReleases(tags: readonly string[]): ReportRelease[] {
  return tags.map((tag) => ({
    tag,
    name: tag,
    url: `https://github.com/${WIDGETS}/releases/tag/${tag}`,
    prerelease: /rc/.test(tag),
    publishedAt: null,
    items: parseAndClassify(widgetsNotes(tag), WIDGETS, classifier),
  }));
}
