import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories } from '../src/config/load.js';
import { parseNotes } from '../parsers/index.js';
import { corpusReleases } from '../scripts/corpus-files.js';
const c = new Classifier(builtinCategories());
const re = new RegExp(process.argv[2]!, 'i'); const tagre = new RegExp(process.argv[3] ?? '.');
for (const r of corpusReleases('/work/shared/corpus')) { if (!tagre.test(r.repo + '/' + r.tag)) continue;
  for (const p of parseNotes(r.body, r.repo)) { const i = c.classify(p); if (re.test(i.text) && (!process.env.EMPTY || !i.categories.length)) console.log(`${r.tag} [${i.categories}]${process.env.EV ? JSON.stringify(i.evidence.map(e=>e.match)) : ""} ${JSON.stringify(i.parents.slice(-1))} ${i.text.slice(0, 160)}`); } }
