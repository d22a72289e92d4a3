/** The CLI bundle's built-in imports, rewritten to process.getBuiltinModule (scripts/esbuild-builtins.ts). */
import { describe, expect, it } from 'vitest';
import { builtinImportsLeft, chunkCycle, lazyBuiltinImports } from '../scripts/esbuild-builtins.js';
import type { Metafile } from 'esbuild';

describe('lazyBuiltinImports', () => {
  it('reads only the imported names of a built-in, under their local names', () => {
    expect(lazyBuiltinImports('import{readFileSync,join as join2}from"node:fs";f()')).toBe(
      'const {readFileSync,join:join2}=process.getBuiltinModule("node:fs");f()',
    );
  });

  it('gives the module itself for a default or namespace import, with or without the node: prefix', () => {
    expect(lazyBuiltinImports('import fs from"node:fs";')).toBe('const fs=process.getBuiltinModule("node:fs");');
    expect(lazyBuiltinImports('import*as os2 from"os";')).toBe('const os2=process.getBuiltinModule("node:os");');
    expect(lazyBuiltinImports('import{default as p,sep}from"node:path";')).toBe(
      'const {sep}=process.getBuiltinModule("node:path"),p=process.getBuiltinModule("node:path");',
    );
  });

  it('leaves packages, the bundle’s own chunks and dynamic imports alone', () => {
    const code = 'import{http}from"msw";import{a}from"./chunk-X.js";const m=await import("node:sqlite");';
    expect(lazyBuiltinImports(code)).toBe(code);
  });

  it('keeps the code runnable: the rewritten import gives the same members', async () => {
    const code = lazyBuiltinImports(
      'import{join as j}from"node:path";import*as os from"node:os";export default [j("a","b"), typeof os.cpus];',
    );
    const mod = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { default: [string, string] };
    expect(mod.default).toEqual(['a/b', 'function']);
  });

  it('leaves no static import of a built-in behind, and says so if one is', () => {
    expect(builtinImportsLeft(lazyBuiltinImports('import{a}from"node:fs";import b from"os";'))).toEqual([]);
    expect(builtinImportsLeft('import {a} from "node:fs"; import {b} from "msw";')).toEqual(['node:fs']);
  });

  it('finds a cycle of static imports between chunks, and none where there is none', () => {
    const out = (imports: string[]) => ({
      imports: imports.map((path) => ({ path, kind: 'import-statement' as const })),
      bytes: 0,
      inputs: {},
      exports: [],
    });
    const tree = { 'a.js': out(['b.js', 'c.js']), 'b.js': out(['c.js']), 'c.js': out([]) } as Metafile['outputs'];
    expect(chunkCycle(tree)).toBeNull();
    expect(chunkCycle({ ...tree, 'c.js': out(['a.js']) } as Metafile['outputs'])).toEqual([
      'a.js',
      'b.js',
      'c.js',
      'a.js',
    ]);
  });
});
