/**
 * msw in-process: the fakes' handlers answer calls to the real API hosts (api.github.com, slack.com,
 * discord.com) inside the test process; any other request fails the test. `loopback: true` lets requests to
 * 127.0.0.1 through, for files that also run real local servers. The handlers' paths match any host, so while
 * a fake is in use in-process it also answers requests to loopback on its paths: `use()` with no fakes first
 * when a test needs a real local server there.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { unhandledUnlessLoopback, type HasHandlers } from '../../src/fakes/http.js';

export function useMsw(opts: { loopback?: boolean } = {}): { use(...fakes: HasHandlers[]): void } {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: opts.loopback ? unhandledUnlessLoopback : 'error' }));
  afterAll(() => server.close());
  return {
    /** Replaces the handlers with these fakes' (none: nothing is answered in-process). */
    use(...fakes) {
      server.resetHandlers(); // back to the (empty) initial handlers
      server.use(...fakes.flatMap((f) => f.handlers));
    },
  };
}
