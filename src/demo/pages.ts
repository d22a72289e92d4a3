/**
 * The demo's output folder: one preview page per destination (each message as the platform shows it, from
 * the outbox rows that were sent), the slash-command answer, the digest email, and index.html linking them
 * with what each step did.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TemplateRenderer } from '../render/templates.js';
import type { ChangeEvent } from '../diff/events.js';
import { escapeHtml } from '../render/preview/html.js';
import {
  previewFileName,
  previewHtml,
  type PreviewConversation,
  type PreviewDestination,
} from '../render/preview/page.js';
import type { DeliveryRow } from '../store/outbox.js';
import type { DemoStep } from './steps.js';

export interface DemoStepReport extends DemoStep {
  events: { type: string; repo: string; tag: string }[];
  messages: number;
}

export interface DemoReport {
  steps: DemoStepReport[];
  /** Destinations of the sample config, with what was sent to each. */
  destinations: { name: string; type: string; preview: PreviewDestination['preview']; rows: DeliveryRow[] }[];
  /** How the slash-command answer is shown (the Slack channel it answered in). */
  queryPreview: PreviewDestination['preview'];
  events: ChangeEvent[];
  query: string;
  queryAnswer: Record<string, unknown> | null;
  digest: { subject: string; html: string; text: string; to: string[] } | null;
}

/** One conversation per event: its summary, then the thread parts, as the outbox sent them. */
export function conversations(rows: readonly DeliveryRow[], events: readonly ChangeEvent[]): PreviewConversation[] {
  const byEvent = new Map<string, DeliveryRow[]>();
  for (const r of [...rows].sort((a, b) => a.seq - b.seq || a.part - b.part))
    byEvent.set(r.eventId, [...(byEvent.get(r.eventId) ?? []), r]);
  return [...byEvent].map(([id, parts]) => {
    const e = events.find((x) => x.id === id);
    return { title: e ? `${e.repo} ${e.tag} ${e.type}` : id, payloads: parts.map((p) => p.payload) };
  });
}

const PAGE_STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:900px;margin:2rem auto;padding:0 1rem;color:#1d1c1d}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem}p.lead{color:#555;margin-top:0}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.45rem .4rem;text-align:left;vertical-align:top}
th{font-size:.85rem;color:#555;font-weight:600}code{background:#f4f4f4;padding:0 .25rem;border-radius:3px;font-size:.9em;overflow-wrap:anywhere}
a{color:#1264a3}ul.pages{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:.75rem}
ul.pages li{border:1px solid #ddd;border-radius:8px;padding:.75rem}ul.pages a{font-weight:600}ul.pages span{display:block;color:#555;font-size:.9rem}`;

export function writeDemoPages(out: string, r: DemoReport, renderer: TemplateRenderer): string {
  const pages: { file: string; label: string; what: string }[] = [];
  for (const d of r.destinations) {
    const dest: PreviewDestination = {
      name: d.name,
      type: d.type,
      preview: d.preview,
      threaded: true,
      conversations: conversations(d.rows, r.events),
    };
    const file = previewFileName(d.name);
    writeFileSync(join(out, file), previewHtml(renderer, dest));
    const n = d.rows.length;
    pages.push({
      file,
      label: `${d.name} (${d.type})`,
      what: `${dest.conversations.length} announcement${dest.conversations.length === 1 ? '' : 's'}, ${n} message${n === 1 ? '' : 's'} with their threads`,
    });
  }
  if (r.queryAnswer) {
    const dest: PreviewDestination = {
      name: `/releases ${r.query}`,
      type: 'slash command answer',
      preview: r.queryPreview,
      threaded: false,
      conversations: [{ title: `/releases ${r.query}`, payloads: [r.queryAnswer] }],
    };
    writeFileSync(join(out, 'query.html'), previewHtml(renderer, dest));
    pages.push({
      file: 'query.html',
      label: `/releases ${r.query}`,
      what: 'the answer to a signed Slack slash command, from release-radar serve',
    });
  }
  if (r.digest) {
    writeFileSync(join(out, 'digest.html'), r.digest.html);
    writeFileSync(join(out, 'digest.txt'), r.digest.text);
    pages.push({
      file: 'digest.html',
      label: 'Weekly digest email',
      what: `“${r.digest.subject}” to ${r.digest.to.join(', ')} (plain text: digest.txt)`,
    });
  }
  const steps = r.steps
    .map((s, i) => {
      const events = s.events.map((e) => `<code>${escapeHtml(`${e.type} ${e.repo} ${e.tag}`)}</code>`).join(' ');
      return `<tr><td>${i + 1}</td><td><strong>${escapeHtml(s.title)}</strong><br>${escapeHtml(s.shows)}</td><td>${events || '–'}</td><td>${s.messages}</td></tr>`;
    })
    .join('\n');
  const links = pages
    .map((p) => `<li><a href="${escapeHtml(p.file)}">${escapeHtml(p.label)}</a><span>${escapeHtml(p.what)}</span></li>`)
    .join('\n');
  const index = join(out, 'index.html');
  writeFileSync(
    index,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>release-radar demo</title><style>${PAGE_STYLE}</style></head><body>
<h1>release-radar demo</h1>
<p class="lead">Sample releases (<code>examples/releases/</code>) on a stand-in GitHub, polled with the sample config
(<code>examples/release-radar.yaml</code>), delivered to stand-in Slack and Discord, answered by <code>serve</code>, and
digested to a stand-in SMTP server, all on loopback.</p>
<h2>What each destination received</h2>
<ul class="pages">
${links}
</ul>
<h2>Steps</h2>
<table><thead><tr><th>#</th><th>step</th><th>events</th><th>messages sent (chat, answers, emails)</th></tr></thead><tbody>
${steps}
</tbody></table>
</body></html>
`,
  );
  return index;
}
