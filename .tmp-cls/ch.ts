import { parseNotes } from '../parsers/index.js';
import { corpusReleases } from '../scripts/corpus-files.js';
const tagre = new RegExp(process.argv[2] ?? '.'); const kind = process.argv[3];
const counts: Record<string, number> = {};
for (const r of corpusReleases('/work/shared/corpus')) { if (!tagre.test(r.repo + '/' + r.tag)) continue;
  for (const p of parseNotes(r.body, r.repo)) { counts[p.change] = (counts[p.change] ?? 0) + 1;
    if (kind && p.change === kind) console.log(`${r.tag} ${JSON.stringify(p.section.slice(-2))} ${JSON.stringify(p.parents.slice(-1))} ${p.text.slice(0, 110)}`); } }
console.log(counts);
