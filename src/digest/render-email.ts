/** Digest model to subject, HTML and text through `email/digest.{html,txt}.liquid`, within the size limit. */
import type { TemplateRenderer } from '../deliver/templates.js';
import { limitItems, type DigestModel } from './model.js';

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
  /** Items shown per category, when the digest had to be shortened to fit `maxBytes`. */
  limitedTo: number | null;
}

/** Tried in order until the HTML fits: everything, then fewer items per category. */
const LIMITS = [Infinity, 50, 25, 15, 10, 5, 3, 1];

const day = (iso: string) => iso.slice(0, 10);

export function digestSubject(m: DigestModel): string {
  const cats = m.chart.map((c) => c.name).join(', ');
  const what = m.total
    ? `${m.total} release-note change${m.total === 1 ? '' : 's'}${cats ? ` in ${cats}` : ''}`
    : 'no release-note changes';
  return `${m.name}: ${what} (${day(m.window.start)} to ${day(m.window.end)})`;
}

export function renderDigest(
  renderer: TemplateRenderer,
  model: DigestModel,
  opts: { maxBytes: number; unsubscribeUrl?: string },
): RenderedDigest {
  const subject = digestSubject(model);
  const windowLabel = `Changes recorded from ${model.window.start.replace('T', ' ').slice(0, 16)} to ${model.window.end.replace('T', ' ').slice(0, 16)} UTC`;
  let last: RenderedDigest | null = null;
  for (const n of LIMITS) {
    const digest = Number.isFinite(n) ? limitItems(model, n) : model;
    const vars = { digest, subject, window_label: windowLabel, unsubscribe_url: opts.unsubscribeUrl ?? null };
    const html = renderer.renderText('email/digest.html.liquid', vars);
    const text = renderer.renderText('email/digest.txt.liquid', vars).replace(/\n{3,}/g, '\n\n');
    last = { subject, html, text, limitedTo: Number.isFinite(n) ? n : null };
    if (Buffer.byteLength(html) <= opts.maxBytes) return last;
  }
  return last!;
}
