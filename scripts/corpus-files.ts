/** The release bodies of ../shared/corpus, for scripts and benchmarks (read at run time, never copied). */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusRelease {
  repo: string;
  tag: string;
  file: string;
  body: string;
}

const REPOS: Record<string, string> = { pytorch: 'pytorch/pytorch', tensorflow: 'tensorflow/tensorflow' };

export function corpusReleases(corpusDir: string): CorpusRelease[] {
  const out: CorpusRelease[] = [];
  for (const [project, repo] of Object.entries(REPOS)) {
    const dir = join(corpusDir, project, 'releases');
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.md'))
      .sort()) {
      const file = join(dir, f);
      out.push({ repo, tag: f.replace(/\.md$/, ''), file, body: readFileSync(file, 'utf8') });
    }
  }
  return out;
}
