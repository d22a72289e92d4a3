/** Runs the CLI in-process with captured output. */
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';

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
  });
  return { code, out, err };
}
