/**
 * The hand-labelled sets in ../shared, read into one shape for scripts/eval.ts:
 * - a PyTorch/TensorFlow set (`../shared/labels`, `../shared/labels-more`): `*.labels.jsonl` (categories),
 *   `*.kinds.jsonl` beside them (kind of change), `items/*.jsonl` (text and release), bodies from the corpus;
 * - a generic set (`../shared/labels-generic`): `labels.jsonl`, `nonitems.jsonl`, `notes/*.md`, `sources.tsv`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isChangeKind, type ChangeKind } from '../parsers/change.js';

export interface EvalDoc {
  id: string;
  repo: string;
  body: string;
}
export interface EvalLabel {
  doc: string;
  id: string;
  key: string;
  text: string;
  change: ChangeKind | null;
  categories: string[];
  /** Headings and parents, for reports. */
  where: string;
}
export interface NonItem {
  doc: string;
  text: string;
  why: string;
}
export interface LabelSet {
  /** `generic` sets also measure which items are found (item recall and precision, non-items). */
  kind: 'labelled' | 'generic';
  docs: EvalDoc[];
  labels: EvalLabel[];
  nonItems: NonItem[];
}

const readJsonl = <T>(f: string): T[] =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

const kindOf = (s: string | undefined): ChangeKind | null => (s && isChangeKind(s) ? s : null);

export function readLabelSet(dir: string, corpusDir: string): LabelSet {
  return existsSync(join(dir, 'nonitems.jsonl')) ? readGeneric(dir) : readLabelled(dir, corpusDir);
}

const PROJECT_REPOS: Record<string, string> = { pytorch: 'pytorch/pytorch', tensorflow: 'tensorflow/tensorflow' };

function readLabelled(dir: string, corpusDir: string): LabelSet {
  interface Item {
    id: string;
    release: string;
    text: string;
    section: string[];
    parents: string[];
  }
  const docs = new Map<string, EvalDoc>();
  const labels: EvalLabel[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.labels.jsonl'))
    .sort()) {
    const base = file.replace('.labels.jsonl', '');
    const items = new Map(readJsonl<Item>(join(dir, 'items', `${base}.jsonl`)).map((i) => [i.id, i]));
    const kindsFile = join(dir, `${base}.kinds.jsonl`);
    const kinds = new Map(
      existsSync(kindsFile) ? readJsonl<{ id: string; change: string }>(kindsFile).map((k) => [k.id, k.change]) : [],
    );
    for (const l of readJsonl<{ id: string; key: string; categories: string[] }>(join(dir, file))) {
      const item = items.get(l.id);
      if (!item) throw new Error(`${file}: label ${l.id} has no item in items/${base}.jsonl`);
      if (!docs.has(item.release)) {
        const [project, tag] = item.release.split('/') as [string, string];
        const body = readFileSync(join(corpusDir, project, 'releases', `${tag}.md`), 'utf8');
        docs.set(item.release, { id: item.release, repo: PROJECT_REPOS[project] ?? `${project}/${project}`, body });
      }
      labels.push({
        doc: item.release,
        id: l.id,
        key: l.key,
        text: item.text,
        change: kindOf(kinds.get(l.id)),
        categories: l.categories,
        where: `${JSON.stringify(item.section.slice(-2))} ${JSON.stringify(item.parents)}`,
      });
    }
  }
  return { kind: 'labelled', docs: [...docs.values()], labels, nonItems: [] };
}

function readGeneric(dir: string): LabelSet {
  // sources.tsv: file, repo, ...: the repo picks the parser's profile (all generic ones here).
  const repos = new Map(
    readFileSync(join(dir, 'sources.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => l.split('\t') as [string, string]),
  );
  const docs = readdirSync(join(dir, 'notes'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({
      id: f,
      repo: repos.get(f) ?? 'unknown/unknown',
      body: readFileSync(join(dir, 'notes', f), 'utf8'),
    }));
  interface Row {
    file: string;
    n: number;
    text: string;
    key: string;
    change: string;
    categories: string[];
  }
  const labels = readJsonl<Row>(join(dir, 'labels.jsonl')).map((l) => ({
    doc: l.file,
    id: `${l.file}#${l.n}`,
    key: l.key,
    text: l.text,
    change: kindOf(l.change),
    categories: l.categories,
    where: '',
  }));
  const nonItems = readJsonl<NonItem & { file: string }>(join(dir, 'nonitems.jsonl')).map((n) => ({
    doc: n.file,
    text: n.text,
    why: n.why,
  }));
  return { kind: 'generic', docs, labels, nonItems };
}
