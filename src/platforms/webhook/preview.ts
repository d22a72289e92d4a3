/** A signed webhook as a preview shows it: the request line, the headers it goes with, the JSON body. */
import { escapeHtml } from '../../render/html-escape.js';

export function webhookPreviewHtml(p: Record<string, unknown>): string {
  const headers = [
    ['content-type', 'application/json'],
    ['webhook-id', String(p.id)],
    ['webhook-timestamp', 'the second it is sent'],
    ['webhook-signature', 'v1,… (HMAC-SHA256 of id.timestamp.body with the secret, made at send time)'],
  ]
    .map(([k, v]) => `<div><code>${escapeHtml(k!)}: ${escapeHtml(v!)}</code></div>`)
    .join('');
  return `<div class="msg webhook"><div class="body"><div class="who"><b>POST</b> <code>${escapeHtml(String(p.type))}</code></div><div class="s-context">${headers}</div><pre>${escapeHtml(JSON.stringify(p, null, 2))}</pre></div></div>`;
}
