/**
 * One release as a repo's first sight of it plans it (no store, no GitHub): a `published` event for its
 * items. The tools that replay the corpus (payload digest, the message and fan-out benchmarks) make their
 * events through this one function, so they measure what a poll would send.
 */
import type { Classifier } from '../src/classify/classifier.js';
import { planRepoPoll } from '../src/diff/plan.js';
import { parseAndClassify } from '../src/notes.js';

export interface CorpusRelease {
  id: number | string;
  tag_name: string;
  name: string | null;
  body: string;
  html_url?: string | null;
}

export function publishedPlan(repo: string, r: CorpusRelease, classifier: Classifier, now = new Date().toISOString()) {
  return planRepoPoll({
    repo,
    known: [],
    itemsOf: () => [],
    fetched: [
      {
        githubId: String(r.id),
        tag: r.tag_name,
        name: r.name,
        body: r.body,
        draft: false,
        prerelease: false,
        createdAt: null,
        publishedAt: null,
        url: r.html_url ?? `https://github.com/${repo}/releases/tag/${r.tag_name}`,
      },
    ],
    complete: true,
    firstPoll: false,
    initial: 'latest',
    categories: classifier.categories,
    parse: (b, rp) => parseAndClassify(b, rp, classifier),
    now,
  });
}
