/** Runs the CLI in-process with captured output. */
import { appendFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { ActionsReport } from '../../src/cli/actions-report.js';
import { main } from '../../src/cli/main.js';

/**
 * Stands in for @actions/core (the process's writer, which reads the process's own environment) in a CLI run
 * with a test's environment: appends to the files that environment names.
 */
export function envFileReport(env: NodeJS.ProcessEnv): ActionsReport {
  return {
    outputs: async (values) =>
      appendFileSync(
        env.GITHUB_OUTPUT!,
        Object.entries(values)
          .map(([k, v]) => `${k}=${v}\n`)
          .join(''),
      ),
    summary: async (markdown) => appendFileSync(env.GITHUB_STEP_SUMMARY!, markdown),
  };
}

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function runCli(
  args: string[],
  opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  let out = '';
  let err = '';
  const stdin = Readable.from(
    opts.stdin !== undefined ? [Buffer.from(opts.stdin)] : [],
  ) as unknown as NodeJS.ReadStream;
  if (opts.stdin === undefined) (stdin as { isTTY?: boolean }).isTTY = true;
  const code = await main(['node', 'release-radar', ...args], {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    stdin,
    env: opts.env ?? {},
    report: envFileReport(opts.env ?? {}),
  });
  return { code, out, err };
}
