#!/usr/bin/env node
// Runs the bundled CLI (dist/cli/, built by `npm run build`, which `npm ci` runs through `prepare`).
// Node 22.1+ keeps compiled code between runs (a no-op where the function is missing, as on Node 20).
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/cli/run.js');
