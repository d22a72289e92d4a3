// The poll workflow publishes the site to GitHub Pages only when asked (`site` input or variable).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

describe('poll workflow: the site job', () => {
  const wf = parse(readFileSync(new URL('../.github/workflows/poll.yml', import.meta.url), 'utf8')) as {
    on: { workflow_dispatch: { inputs: Record<string, { type: string; default: unknown }> } };
    jobs: Record<
      string,
      {
        needs?: string;
        if?: string;
        permissions?: Record<string, string>;
        environment?: { name: string };
        steps: Step[];
      }
    >;
  };

  it('has a boolean `site` input, off by default', () => {
    expect(wf.on.workflow_dispatch.inputs.site).toMatchObject({ type: 'boolean', default: false });
  });

  it('builds the site after the poll and deploys it with the Pages actions, guarded by the input', () => {
    const job = wf.jobs.site!;
    expect(job.needs).toBe('poll');
    expect(job.if).toMatch(/inputs\.site/);
    expect(job.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    expect(job.environment?.name).toBe('github-pages');
    const uses = job.steps.map((s) => s.uses?.split('@')[0]).filter(Boolean);
    expect(uses).toEqual(expect.arrayContaining(['actions/upload-pages-artifact', 'actions/deploy-pages']));
    const build = job.steps.find((s) => s.run?.includes('release-radar site'))!;
    expect(build.run).toMatch(/--out _site/);
    expect(job.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'))!.with).toEqual({ path: '_site' });
    // The poll job itself is untouched by the site: no Pages permission there.
    expect(wf.jobs.poll!.permissions).toBeUndefined();
  });
});
