/** Process entry: run the CLI and exit with its code once output is flushed. */
import './quiet-warnings.js';
import { setFlagsFromString } from 'node:v8';
import { main } from './main.js';

// V8 first compiles a regular expression to bytecode and compiles it again to machine code on its next use.
// A command runs the category rules' few hundred expressions a handful of times each, so compiling them
// once, straight to machine code, takes `parse`'s first classification from about 30 ms to about 10.
setFlagsFromString('--no-regexp-tier-up');

// `release-radar parse … | head`: the reader has gone, so there is nothing left to say and no one to say it to.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await main(process.argv);
