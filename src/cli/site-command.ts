/** `release-radar site`: the static site, feeds and JSON from the store (see src/site/build-site.ts). */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../domain/errors.js';
import { loadConfig } from '../config/load.js';
import { TemplateRenderer } from '../deliver/templates.js';
import { buildSite } from '../site/build-site.js';
import { Store } from '../store/store.js';
import type { Io } from './io.js';
import { storeLocation } from '../store/location.js';

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

export async function siteCommand(opts: SiteCommandOptions, io: Io): Promise<number> {
  const config = loadConfig(opts.config, io.env);
  const baseUrl = opts.baseUrl !== undefined ? checkBaseUrl(opts.baseUrl) : config.site?.base_url;
  const loc = storeLocation(io.env, opts.db);
  if (loc.sqlitePath && loc.sqlitePath !== ':memory:' && !existsSync(loc.sqlitePath)) {
    throw new UsageError(
      `no store at ${loc.sqlitePath}: run \`release-radar poll\` first, or give --db PATH (or DATABASE_URL)`,
    );
  }
  const renderer = new TemplateRenderer(config.templates ? resolve(dirname(config.file), config.templates) : undefined);
  const store = await Store.open(loc);
  try {
    const started = Date.now();
    const r = await buildSite(
      { store, renderer },
      {
        outDir: opts.out,
        baseUrl,
        repos: config.repos.map((x) => x.name),
        categories: Object.keys(config.resolvedCategories),
      },
    );
    io.out(
      `site ${resolve(opts.out)}: ${r.files} files, ${r.written.length} written, ${r.unchanged} unchanged, ${r.removed.length} removed (${Date.now() - started} ms)` +
        `${baseUrl ? `; base URL ${baseUrl}` : '; no base URL: feed links are relative'}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
