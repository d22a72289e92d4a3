/** Where commands read and write: the process, or what a test passes. */
/** Where commands read and write; tests pass their own. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
}

export const processIo: Io = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  stdin: process.stdin,
  env: process.env,
};
