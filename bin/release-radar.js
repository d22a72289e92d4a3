#!/usr/bin/env node
// Runs the bundled CLI (dist/cli/, built by `npm run build`, which `npm ci` runs through `prepare`).
// Node 22.1+ keeps compiled code between runs (a no-op where the function is missing, as on Node 20).
// (no `import` of node:module or node:process: an ES import of a built-in reads all its exports, which loads
// their lazy parts, the diagnostic report among them)
/* global process */

// package.json's engines: the SQLite store needs node:sqlite, and Node 20 is past its end of life.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(
    `release-radar: needs Node 22.13 or newer; this is Node ${process.versions.node}. ` +
      'Install Node 24 (or run `npx -y -p node@24 node bin/release-radar.js …`; see docs/contributing.md#node-22-or-24).\n',
  );
  process.exit(2);
}
process.getBuiltinModule('node:module').enableCompileCache?.();
await import('../dist/cli/run.js');
