/** Where commands read and write: the process, or what a test passes. */
import { coreReport, type ActionsReport } from './actions-report.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
  /** Standard error is a terminal: log lines are written for a person, not as JSON. */
  errIsTTY?: boolean;
  /** Where poll and digest write GitHub Actions outputs and the job summary (when the env names the files). */
  report?: ActionsReport;
}

export const processIo: Io = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  // (read when a command reads it: process.stdin builds a stream, and loads its module, on first access)
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  errIsTTY: process.stderr.isTTY === true,
  report: coreReport,
};
