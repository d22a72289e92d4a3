/**
 * The index's chart: items per category for each of a repo's recent releases, as an inline SVG grouped
 * bar chart (one `<g class="release">` per release, oldest on the left). Labelled axes, a tooltip per bar,
 * and the Okabe–Ito palette, whose colours stay apart for the common colour-vision deficiencies. Two
 * sizes: a wide one and a narrow one with fewer releases, so that labels stay legible on a phone (the
 * stylesheet shows one of them; no script needed). Pure.
 */
import { escapeHtml } from '../render/html-escape.js';

/** Okabe & Ito (2008), yellow last: it is the hardest to see on white. */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#000000',
  '#F0E442',
] as const;

export const categoryColor = (index: number): string => PALETTE[index % PALETTE.length]!;

export interface ChartRelease {
  tag: string;
  counts: Record<string, number>;
}

export type ChartSize = 'wide' | 'narrow';

const SIZES: Record<ChartSize, { w: number; h: number; left: number; right: number; top: number; bottom: number }> = {
  wide: { w: 720, h: 300, left: 52, right: 12, top: 14, bottom: 86 },
  narrow: { w: 360, h: 280, left: 44, right: 8, top: 12, bottom: 80 },
};

/** A round upper bound for the y axis and its tick step. */
function niceScale(max: number): { top: number; step: number } {
  if (max <= 4) return { top: Math.max(1, max), step: 1 };
  const rough = max / 4;
  const mag = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= rough)!;
  return { top: Math.ceil(max / step) * step, step };
}

export function releaseChart(
  id: string,
  title: string,
  releases: readonly ChartRelease[],
  categories: readonly string[],
  size: ChartSize = 'wide',
): string {
  const S = SIZES[size];
  const pw = S.w - S.left - S.right;
  const ph = S.h - S.top - S.bottom;
  const max = Math.max(0, ...releases.flatMap((r) => categories.map((c) => r.counts[c] ?? 0)));
  const { top, step } = niceScale(max);
  const y = (v: number) => S.top + ph - (v / top) * ph;
  const groupW = pw / Math.max(1, releases.length);
  const barW = Math.max(1, (groupW * 0.8) / Math.max(1, categories.length));
  const f = (n: number) => Number(n.toFixed(1));
  const eid = escapeHtml(id);
  const out: string[] = [
    `<svg class="chart chart-${size}" id="${eid}" data-releases="${releases.length}" viewBox="0 0 ${S.w} ${S.h}" role="img" aria-labelledby="${eid}-title ${eid}-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${eid}-title">${escapeHtml(title)}</title>`,
    `<desc id="${eid}-desc">Grouped bars: for each release, oldest on the left, the number of items in each category (${escapeHtml(categories.join(', '))}).</desc>`,
    '<g class="axis y-axis">',
  ];
  for (let v = 0; v <= top + 1e-9; v += step) {
    out.push(
      `<line x1="${S.left}" x2="${S.w - S.right}" y1="${f(y(v))}" y2="${f(y(v))}" class="grid"/>`,
      `<text x="${S.left - 6}" y="${f(y(v) + 4)}" text-anchor="end">${f(v)}</text>`,
    );
  }
  out.push(
    `<text class="label" transform="translate(13 ${f(S.top + ph / 2)}) rotate(-90)" text-anchor="middle">items per category</text>`,
    '</g>',
  );
  releases.forEach((r, i) => {
    const x0 = S.left + i * groupW + groupW * 0.1;
    out.push(`<g class="release" data-tag="${escapeHtml(r.tag)}">`);
    categories.forEach((c, j) => {
      const v = r.counts[c] ?? 0;
      if (!v) return;
      out.push(
        `<rect class="bar" x="${f(x0 + j * barW)}" y="${f(y(v))}" width="${f(barW)}" height="${f(S.top + ph - y(v))}" fill="${categoryColor(j)}"><title>${escapeHtml(`${r.tag} · ${c}: ${v}`)}</title></rect>`,
      );
    });
    const cx = S.left + i * groupW + groupW / 2;
    out.push(
      `<text class="tick" transform="translate(${f(cx)} ${S.top + ph + 12}) rotate(-40)" text-anchor="end">${escapeHtml(r.tag)}</text>`,
      '</g>',
    );
  });
  out.push(
    `<line class="axis-line" x1="${S.left}" x2="${S.w - S.right}" y1="${S.top + ph}" y2="${S.top + ph}"/>`,
    `<text class="label" x="${f(S.left + pw / 2)}" y="${S.h - 6}" text-anchor="middle">release (oldest to newest)</text>`,
    '</svg>',
  );
  return out.join('');
}
