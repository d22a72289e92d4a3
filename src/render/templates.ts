/**
 * Renders message parts through liquidjs templates: `<platform>/<event type>.liquid`, looked up first in
 * the user's folder (config `templates:`), then in ours, file by file. A template that fails to render,
 * renders invalid JSON or breaks a platform limit is a TemplateError naming the template, raised before
 * anything is sent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../domain/errors.js';
import { Liquid } from 'liquidjs';
import { BUILTIN_TEMPLATES_DIR } from '../paths.js';
import { GITHUB_COM, type GitHubLinks } from '../domain/github-links.js';
import { messageHeader } from './message-model.js';
import type { Part, RenderedParts } from './message.js';
import { releasePageUrl } from './site-paths.js';

/** What a message's payload must respect: the platform's templates folder and its limits. */
export interface PayloadRules {
  /** The folder of its templates (`slack`, `discord`, `teams`): `<folder>/<event type>.liquid`. */
  templates: string;
  /** What in a rendered payload breaks the platform's limits (empty: nothing). */
  violations(payload: Record<string, unknown>): string[];
}

export interface RendererOptions {
  /** Config `site.base_url`: messages link "full list" to the site's release pages. */
  siteBaseUrl?: string;
  /** Where PR and release links point (GitHub Enterprise's host where configured). */
  links?: GitHubLinks;
  /** Template filters the platforms bring (`mrkdwn`, `discord_md`): each escapes text for its markup. */
  filters?: Record<string, (s: string) => string>;
}

export class TemplateError extends UsageError {
  constructor(
    readonly template: string,
    message: string,
  ) {
    super(`template ${template}: ${message}`);
    this.name = 'TemplateError';
  }
}

const TYPE_LABELS: Record<string, string> = {
  published: 'published',
  edited: 'notes edited',
  promoted: 'promoted to final',
  query: 'release notes',
};

export class TemplateRenderer {
  private readonly engine: Liquid;
  readonly roots: string[];

  readonly links: GitHubLinks;

  constructor(
    private readonly userDir?: string,
    private readonly opts: RendererOptions = {},
  ) {
    this.links = opts.links ?? GITHUB_COM;
    if (userDir && !existsSync(userDir)) throw new TemplateError(userDir, 'the templates folder does not exist');
    this.roots = [...(userDir ? [userDir] : []), BUILTIN_TEMPLATES_DIR];
    this.engine = new Liquid({
      root: this.roots,
      partials: this.roots,
      extname: '.liquid',
      cache: true,
      strictFilters: true,
    });
    for (const [name, filter] of Object.entries(opts.filters ?? {}))
      this.engine.registerFilter(name, (s: unknown) => filter(String(s ?? '')));
  }

  /** The user's own copy of a template (`email/digest.html.liquid`), if their folder has one. */
  userTemplate(name: string): string | null {
    const file = this.userDir ? join(this.userDir, name) : null;
    return file && existsSync(file) ? file : null;
  }

  /** Where a template comes from, for messages. */
  private where(name: string): string {
    return name.endsWith('.liquid') ? name : `${name}.liquid`;
  }

  /** The site's page of a release (at a category's anchor); null when no site is configured. */
  releasePage(repo: string, tag: string, category?: string): string | null {
    return this.opts.siteBaseUrl && repo && tag ? releasePageUrl(this.opts.siteBaseUrl, repo, tag, category) : null;
  }

  /** "Full list": the release page, at the category's anchor when the part shows one category. */
  private fullListUrl(rendered: RenderedParts, part: Part): string | null {
    const cats = part.role === 'summary' ? rendered.model.categories : [...new Set(part.chunks.map((c) => c.category))];
    // A category across repos (a query) has no single release page.
    if (rendered.model.type === 'query' && !rendered.model.url) return null;
    return this.releasePage(rendered.model.repo, rendered.model.tag, cats.length === 1 ? cats[0] : undefined);
  }

  /** Renders any template to text (email parts), with the same lookup and a TemplateError on failure. */
  renderText(name: string, vars: Record<string, unknown>): string {
    try {
      return this.engine.renderFileSync(name, vars);
    } catch (e) {
      throw new TemplateError(this.where(name), `failed to render: ${(e as Error).message.split('\n')[0]}`);
    }
  }

  /**
   * One part of a message. `template` is `published`, `edited`, `promoted` or `query`; `extra` adds
   * variables (chat replies pass `title` and `note`; deliveries `thread`).
   */
  render(
    rules: PayloadRules,
    template: string,
    rendered: RenderedParts,
    part: Part,
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> {
    const name = `${rules.templates}/${template}`;
    const m = rendered.model;
    let text: string;
    try {
      text = this.engine.renderFileSync(name, {
        event: {
          ...messageHeader(m),
          type_label: (extra.type_label as string | undefined) ?? TYPE_LABELS[m.type] ?? m.type,
        },
        part,
        chunks: part.chunks,
        thread: false,
        ...rendered.vars,
        full_list_url: this.fullListUrl(rendered, part),
        ...extra,
      });
    } catch (e) {
      throw new TemplateError(this.where(name), `failed to render: ${(e as Error).message.split('\n')[0]}`);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (e) {
      throw new TemplateError(
        this.where(name),
        `rendered invalid JSON (${(e as Error).message}); use the json filter for strings`,
      );
    }
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
      throw new TemplateError(this.where(name), 'must render a JSON object');
    }
    const problems = rules.violations(payload as Record<string, unknown>);
    if (problems.length)
      throw new TemplateError(this.where(name), `rendered a message over the platform limits: ${problems.join('; ')}`);
    return payload as Record<string, unknown>;
  }
}
