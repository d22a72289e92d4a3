/** `release-radar site`: the static site, feeds and JSON from the store (see src/site/build-site.ts). */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../domain/errors.js';
import { buildSite } from '../site/build-site.js';
import type { Context } from './context.js';

export interface SiteCommandOptions {
  out: string;
  config?: string;
  db?: string;
  baseUrl?: string;
}

function checkBaseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(
      `invalid --base-url "${url}": expected an absolute http(s) URL, e.g. https://example.github.io/release-radar/`,
    );
  }
  if (!/^https?:$/.test(u.protocol) || u.search || u.hash)
    throw new UsageError(
      `invalid --base-url "${url}": expected an http(s) URL without query or fragment, e.g. https://example.github.io/release-radar/`,
    );
  return u.toString();
}

export async function siteCommand(opts: SiteCommandOptions, ctx: Context): Promise<number> {
  const config = await ctx.config();
  const baseUrl = opts.baseUrl !== undefined ? checkBaseUrl(opts.baseUrl) : config.site?.base_url;
  const loc = await ctx.storeLocation();
  if (loc.sqlitePath && loc.sqlitePath !== ':memory:' && !existsSync(loc.sqlitePath)) {
    throw new UsageError(
      `no store at ${loc.sqlitePath}: run \`release-radar poll\` first, or give --db PATH (or DATABASE_URL)`,
    );
  }
  const renderer = await ctx.renderer({ siteLinks: false });
  const store = await ctx.store();
  const started = Date.now();
  const r = await buildSite(
    { store, renderer },
    {
      outDir: opts.out,
      baseUrl,
      repos: config.repos.map((x) => x.name),
      categories: Object.keys(config.resolvedCategories),
      upgrades: config.site?.upgrades,
    },
  );
  ctx.io.out(
    `site ${resolve(opts.out)}: ${r.files} files, ${r.written.length} written, ${r.unchanged} unchanged, ${r.removed.length} removed (${Date.now() - started} ms)` +
      `${baseUrl ? `; base URL ${baseUrl}` : '; no base URL: feed links are relative'}\n`,
  );
  for (const p of r.problems)
    ctx.io.err(`release-radar: ${p}
`);
  // The rest of the site is written; each file that is not is one line, and the exit code says so.
  for (const f of r.failed)
    ctx.io.err(`release-radar: site: could not write ${f.path} (${f.error})
`);
  return r.problems.length || r.failed.length ? 1 : 0;
}
