/**
 * Run on the CLI bundle after esbuild: Node's own modules come from `process.getBuiltinModule()` instead of an
 * ES `import`. Importing a built-in as an ES module builds a facade that reads every one of its exports, and
 * that runs their lazy getters: `node:fs` loads its promises, streams and watchers, `node:process` its
 * diagnostic report, `node:crypto` WebCrypto. A quiet `poll` loaded about 20 built-in modules it never used
 * that way. Only the names a chunk imports are read, when the chunk runs. (esbuild has no option for this,
 * and a plugin that turns built-ins into CommonJS modules adds chunks: more files to load.)
 */
import { builtinModules } from 'node:module';
import type { Metafile } from 'esbuild';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** `import{a as b,c}from"node:fs";`, `import fs from"fs";`, `import*as fs from"fs";` as esbuild writes them. */
const STATIC_IMPORT = /import(?:\{([^}]*)\}|\s*\*\s*as\s+([\w$]+)\s+|\s+([\w$]+)\s*)from\s*"([^"]+)";?/g;

export function lazyBuiltinImports(code: string): string {
  return code.replace(STATIC_IMPORT, (whole, named: string | undefined, ns, def, from: string) => {
    if (!BUILTINS.has(from)) return whole;
    const mod = `process.getBuiltinModule(${JSON.stringify(from.startsWith('node:') ? from : `node:${from}`)})`;
    if (named === undefined) return `const ${ns ?? def}=${mod};`;
    // (`default` is the module itself: a built-in's exports object has no `default` member)
    const parts = named
      .split(',')
      .map((n) => n.trim().split(/\s+as\s+/))
      .filter(([name]) => name);
    const defaults = parts.filter(([name]) => name === 'default').map(([, alias]) => `${alias}=${mod}`);
    const members = parts
      .filter(([name]) => name !== 'default')
      .map(([name, alias]) => (alias ? `${name}:${alias}` : name));
    return `const ${[...(members.length ? [`{${members.join(',')}}=${mod}`] : []), ...defaults].join(',')};`;
  });
}

/** Static imports of a built-in still in the code (a form the rewrite does not know): the build fails on them. */
export function builtinImportsLeft(code: string): string[] {
  return [...code.matchAll(/\bimport\s*[^"'();]*?\bfrom\s*"([^"]+)"/g)]
    .map((m) => m[1]!)
    .filter((m) => BUILTINS.has(m));
}

/** A cycle of static imports between the bundle's chunks, as a list of files; null when there is none. */
export function chunkCycle(outputs: Metafile['outputs']): string[] | null {
  const edges = new Map(
    Object.entries(outputs).map(([file, out]) => [
      file,
      out.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => i.path),
    ]),
  );
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: string[]): string[] | null => {
    if (state.get(file) === 'open') return [...path.slice(path.indexOf(file)), file];
    if (state.get(file) === 'done') return null;
    state.set(file, 'open');
    for (const next of edges.get(file) ?? []) {
      const found = visit(next, [...path, file]);
      if (found) return found;
    }
    state.set(file, 'done');
    return null;
  };
  for (const file of edges.keys()) {
    const found = visit(file, []);
    if (found) return found;
  }
  return null;
}
