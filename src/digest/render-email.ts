/**
 * The digest to subject, HTML and text through `email/digest.{html,txt}.liquid`, within the size limit. The
 * templates read the digest model: one message model per release, as chat messages have.
 */
import { readFileSync } from 'node:fs';
import { TemplateError, type TemplateRenderer } from '../render/templates.js';
import { buildDigestModel, type DigestModel, type DigestOptions, type ModelInput } from '../render/message-model.js';

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
  /** Highlights shown per large release, when the digest had to be shortened to fit `maxBytes`. */
  limitedTo: number | null;
  /** The digest in full (before any shortening). */
  model: DigestModel;
}

/** Tried in order until the HTML fits: everything, then fewer items per release. */
const LIMITS = [Infinity, 50, 25, 15, 10, 5, 3, 1];
const TEMPLATES = ['email/digest.html.liquid', 'email/digest.txt.liquid'];

const day = (iso: string) => iso.slice(0, 10);

export function digestSubject(m: DigestModel): string {
  const cats = m.chart.map((c) => c.name).join(', ');
  const what = m.total
    ? `${m.total} release-note change${m.total === 1 ? '' : 's'}${cats ? ` in ${cats}` : ''}`
    : 'no release-note changes';
  return `${m.name}: ${what} (${day(m.window.start)} to ${day(m.window.end)})`;
}

/**
 * A digest template of your own written for the digest's earlier model (repos, categories, items) would
 * render an email without a single item: say so instead.
 */
function checkTemplates(renderer: TemplateRenderer): void {
  for (const name of TEMPLATES) {
    const file = renderer.userTemplate(name);
    if (file && /\bdigest\.repos\b/.test(readFileSync(file, 'utf8')))
      throw new TemplateError(
        file,
        'written for the earlier digest model (digest.repos): the digest now lists digest.releases, one message ' +
          'model per release (counts, sections, highlights) like the chat messages; start again from ' +
          `${name} in release-radar's templates (docs/digest.md lists the variables)`,
      );
  }
}

export function renderDigest(
  renderer: TemplateRenderer,
  releases: readonly ModelInput[],
  opts: DigestOptions & { maxBytes: number; unsubscribeUrl?: string },
): RenderedDigest {
  checkTemplates(renderer);
  const { maxBytes, unsubscribeUrl, ...digestOpts } = opts;
  const model = buildDigestModel(releases, digestOpts);
  const subject = digestSubject(model);
  const windowLabel = `Changes recorded from ${model.window.start.replace('T', ' ').slice(0, 16)} to ${model.window.end.replace('T', ' ').slice(0, 16)} UTC`;
  let last: RenderedDigest | null = null;
  for (const n of LIMITS) {
    const digest = Number.isFinite(n) ? buildDigestModel(releases, { ...digestOpts, maxItems: n }) : model;
    const vars = { digest, subject, window_label: windowLabel, unsubscribe_url: unsubscribeUrl ?? null };
    const html = renderer.renderText(TEMPLATES[0]!, vars);
    const text = renderer.renderText(TEMPLATES[1]!, vars).replace(/\n{3,}/g, '\n\n');
    last = { subject, html, text, limitedTo: Number.isFinite(n) ? n : null, model };
    if (Buffer.byteLength(html) <= maxBytes) return last;
  }
  return last!;
}
