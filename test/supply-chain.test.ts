// Supply chain: every action a workflow uses is pinned by commit SHA (tag in a comment), every workflow
// has a minimal permissions block, and Dependabot updates npm packages and the pinned actions.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const wfDir = join(root, '.github', 'workflows');
const workflows = readdirSync(wfDir).filter((f) => /\.ya?ml$/.test(f));
const withActionYml = [
  ...workflows.map((f) => join(wfDir, f)),
  ...(existsSync(join(root, 'action.yml')) ? [join(root, 'action.yml')] : []),
];

describe('supply chain', () => {
  it.each(withActionYml)('%s: every `uses:` is pinned to a commit SHA with its tag in a comment', (file) => {
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /^\s*(-\s+)?uses:/.test(l));
    for (const l of lines) {
      const ref = l.replace(/^\s*(-\s+)?uses:\s*/, '');
      if (ref.startsWith('./')) continue; // a local action is the repo itself
      expect(ref, l).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40} # v\d+(\.\d+)*$/);
    }
  });

  it.each(workflows)('%s has a top-level permissions block without write-all', (f) => {
    const wf = parse(readFileSync(join(wfDir, f), 'utf8')) as { permissions?: unknown };
    expect(wf.permissions, f).toBeTypeOf('object');
    expect(JSON.stringify(wf.permissions)).not.toContain('write-all');
  });

  it('Dependabot watches npm and github-actions', () => {
    const cfg = parse(readFileSync(join(root, '.github', 'dependabot.yml'), 'utf8')) as {
      updates: { 'package-ecosystem': string }[];
    };
    expect(cfg.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
  });
});
