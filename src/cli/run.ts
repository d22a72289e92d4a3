/** Process entry: run the CLI and exit with its code once output is flushed. */
import { main } from './main.js';

// `release-radar parse … | head`: the reader has gone, so there is nothing left to say and no one to say it to.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await main(process.argv);
