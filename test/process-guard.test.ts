// serve's process guard (issue 22, point 1): an exception a client library's event handler throws, or a promise
// nobody awaits, is logged and the process carries on (without the guard, Node ends it).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/build.js';
import { runNode } from './helpers/spawn.js';

const script = (guarded: boolean) => `
import { EventEmitter } from 'node:events';
const { guardProcess } = await import(${JSON.stringify(join(ROOT, 'dist/src/serve/process-guard.js'))});
if (${guarded}) guardProcess({ error: (o, msg) => console.log('LOGGED', msg, o.err, o.origin) });
const lib = new EventEmitter();
lib.on('packet', (p) => { throw new TypeError("Cannot read properties of null (reading 'name') " + p); });
setImmediate(() => lib.emit('packet', 'one'));
setImmediate(() => void Promise.reject(new Error('a mark nobody awaited')));
// Two turns later (after the error and the rejection were dealt with): is the process still here?
setImmediate(() => setImmediate(() => { console.log('STILL RUNNING'); process.exit(0); }));
`;

describe('process guard', () => {
  it('without it, a throwing library handler ends the process', async () => {
    const r = await runNode(['--input-type=module', '-e', script(false)], { env: process.env });
    expect(r.code).not.toBe(0);
    expect(r.out).not.toContain('STILL RUNNING');
  });

  it('with it, the error and the rejection are logged and the process carries on', async () => {
    const r = await runNode(['--input-type=module', '-e', script(true)], { env: process.env });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      "LOGGED uncaught error: logged, serve keeps running Cannot read properties of null (reading 'name') one uncaughtException",
    );
    expect(r.out).toContain(
      'LOGGED uncaught error: logged, serve keeps running a mark nobody awaited unhandledRejection',
    );
    expect(r.out).toContain('STILL RUNNING');
  });
});
