/**
 * The demo's script: which sample release appears on the stand-in GitHub at each step. The releases are
 * written by us in the style of the real notes (examples/releases/); the steps walk the whole product.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

export const EXAMPLES_DIR = join(PACKAGE_ROOT, 'examples');
export const DEMO_CONFIG = join(EXAMPLES_DIR, 'release-radar.yaml');

export const TORCH = 'pytorch/pytorch';
export const TF = 'tensorflow/tensorflow';

export function sampleRelease(repo: string, file: string): string {
  return readFileSync(join(EXAMPLES_DIR, 'releases', repo.split('/')[1]!, `${file}.md`), 'utf8');
}

/** A change on the stand-in GitHub: a release published, or the body of one edited. */
export type GitHubChange =
  { publish: string; repo: string; file?: string; prerelease?: boolean } | { edit: string; repo: string; file: string };

export interface DemoStep {
  title: string;
  /** What the step shows, in a sentence. */
  shows: string;
  changes: GitHubChange[];
  /** The CLI run after the changes (`poll`, `query …`, `digest`). */
  run: 'poll' | 'query' | 'digest';
}

export const DEMO_STEPS: DemoStep[] = [
  {
    title: 'First poll',
    shows: 'release-radar records both repos and announces the newest release of each',
    changes: [
      { publish: 'v2.9.0', repo: TORCH },
      { publish: 'v2.99.0', repo: TF },
      { publish: 'v3.0.0', repo: TORCH },
      { publish: 'v3.0.0', repo: TF },
    ],
    run: 'poll',
  },
  {
    title: 'An edited release',
    shows: 'TensorFlow 3.0.0 is edited: one item added, one removed, one reworded',
    changes: [{ edit: 'v3.0.0', repo: TF, file: 'v3.0.0-edited' }],
    run: 'poll',
  },
  {
    title: 'A release candidate',
    shows: 'PyTorch 3.1.0-rc1 is published as a pre-release (no subscription here asks for pre-releases)',
    changes: [{ publish: 'v3.1.0-rc1', repo: TORCH, prerelease: true }],
    run: 'poll',
  },
  {
    title: 'The final release',
    shows: 'PyTorch 3.1.0 follows its candidate',
    changes: [{ publish: 'v3.1.0', repo: TORCH }],
    run: 'poll',
  },
  { title: 'A slash-command query', shows: '/releases pytorch distributed', changes: [], run: 'query' },
  { title: 'The weekly digest', shows: 'the digest email of the week, sent over SMTP', changes: [], run: 'digest' },
];
