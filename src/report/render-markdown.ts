/** An upgrade report as markdown (`report`'s default format): per category, by kind, each entry with its versions. */
import type { GitHubLinks } from '../domain/github-links.js';
import { itemMarkdown } from '../render/notes-markdown.js';
import { plural } from '../render/plural.js';
import { countsLine, parentLabel, versionNote, type UpgradeReport } from './model.js';

export function renderReportMarkdown(r: UpgradeReport, links: GitHubLinks): string {
  const tags = r.releases.map((x) => `${x.tag}${x.prerelease ? ' (pre-release)' : ''}`);
  const lines = [
    `# ${r.repo}: upgrading from ${r.from} to ${r.to}`,
    '',
    `${plural(r.releases.length, 'release')} after ${r.from}: ${tags.join(', ')}.`,
    `${plural(r.total, 'change')}${r.total ? `: ${countsLine(r.counts)}` : ''}.`,
    '',
  ];
  for (const c of r.categories) {
    lines.push(`## ${c.name} (${c.count}): ${countsLine(c.counts)}`, '');
    for (const k of c.kinds) {
      lines.push(`### ${k.label} (${k.entries.length})`, '');
      for (const e of k.entries) {
        const [head = '', ...more] = itemMarkdown(r.repo, e.item, links).split('\n');
        const parent = parentLabel(e.item);
        lines.push(`- ${parent ? `_${parent}_ › ` : ''}${head} _(${versionNote(e)})_`, ...more);
      }
      lines.push('');
    }
  }
  if (r.uncategorized)
    lines.push(`_${plural(r.uncategorized, 'more change')} ${r.uncategorized === 1 ? 'is' : 'are'} in no category._`);
  return lines.join('\n').trimEnd() + '\n';
}
