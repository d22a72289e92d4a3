/**
 * What `poll` and `digest` tell GitHub Actions: step outputs (`steps.<id>.outputs.events`) and markdown for the
 * job summary. One writer per run, handed in through the Io: the process's is @actions/core (the action and
 * `release-radar` in a workflow's run step use the same one), so nothing is written twice.
 */
export interface ActionsReport {
  /** Step outputs; written when GITHUB_OUTPUT is set. */
  outputs(values: Record<string, number>): Promise<void>;
  /** Markdown appended to the job summary; written when GITHUB_STEP_SUMMARY is set. */
  summary(markdown: string): Promise<void>;
}

/**
 * The runner's files through @actions/core, loaded on first use. @actions/core finds them through
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY in the process's environment, which is the one the process Io hands
 * the commands (src/cli/io.ts).
 */
export const coreReport: ActionsReport = {
  async outputs(values) {
    const core = await import('@actions/core');
    for (const [name, value] of Object.entries(values)) core.setOutput(name, value);
  },
  async summary(markdown) {
    const core = await import('@actions/core');
    await core.summary.addRaw(markdown).write();
  },
};
