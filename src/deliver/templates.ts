/**
 * Renders message parts through liquidjs templates: `<platform>/<event type>.liquid`, looked up first in
 * the user's folder (config `templates:`), then in ours, file by file. A template that fails to render,
 * renders invalid JSON or breaks a platform limit is a TemplateError naming the template, raised before
 * anything is sent.
 */
import { safeLink } from '../render/links.js';
import { existsSync } from 'node:fs';
import { UsageError } from '../domain/errors.js';
import { Liquid } from 'liquidjs';
import type { ChangeEvent } from '../diff/events.js';
import { BUILTIN_TEMPLATES_DIR } from '../paths.js';
import { escapeDiscord, escapeSlack } from '../render/markup.js';
import { releasePageUrl } from '../site/paths.js';
import { discordViolations, slackViolations } from './limits.js';
import type { ChatPlatform, Part } from './message.js';

export class TemplateError extends UsageError {
  constructor(
    readonly template: string,
    message: string,
  ) {
    super(`template ${template}: ${message}`);
    this.name = 'TemplateError';
  }
}

const TYPE_LABELS: Record<string, string> = { published: 'published', edited: 'notes edited', promoted: 'promoted to final' };

export class TemplateRenderer {
  private readonly engine: Liquid;
  readonly roots: string[];

  /** `siteBaseUrl` (config `site.base_url`): messages link "full list" to the site's release pages. */
  constructor(
    userDir?: string,
    private readonly opts: { siteBaseUrl?: string } = {},
  ) {
    if (userDir && !existsSync(userDir)) throw new TemplateError(userDir, 'the templates folder does not exist');
    this.roots = [...(userDir ? [userDir] : []), BUILTIN_TEMPLATES_DIR];
    this.engine = new Liquid({ root: this.roots, partials: this.roots, extname: '.liquid', cache: true, strictFilters: true });
    this.engine.registerFilter('mrkdwn', (s: unknown) => escapeSlack(String(s ?? '')));
    this.engine.registerFilter('discord_md', (s: unknown) => escapeDiscord(String(s ?? '')));
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
  private fullListUrl(event: ChangeEvent, part: Part): string | null {
    const cats = [...new Set(part.chunks.map((c) => c.category))];
    return this.releasePage(event.repo, event.tag, cats.length === 1 ? cats[0] : undefined);
  }

  /** Renders any template to text (email parts), with the same lookup and a TemplateError on failure. */
  renderText(name: string, vars: Record<string, unknown>): string {
    try {
      return this.engine.renderFileSync(name, vars);
    } catch (e) {
      throw new TemplateError(this.where(name), `failed to render: ${(e as Error).message.split('\n')[0]}`);
    }
  }

  /** `template` defaults to the event type; `extra` adds variables (chat replies pass `title`). */
  render(
    platform: ChatPlatform,
    event: ChangeEvent,
    part: Part,
    summary: string,
    template: string = event.type,
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> {
    const name = `${platform}/${template}`;
    let text: string;
    try {
      text = this.engine.renderFileSync(name, {
        event: {
          type: event.type,
          type_label: TYPE_LABELS[event.type] ?? event.type,
          repo: event.repo,
          tag: event.tag,
          name: event.name,
          url: safeLink(event.url),
          prerelease: event.prerelease,
          since: event.since ?? null,
          after: event.after ?? null,
        },
        part,
        chunks: part.chunks,
        summary,
        full_list_url: this.fullListUrl(event, part),
        ...extra,
      });
    } catch (e) {
      throw new TemplateError(this.where(name), `failed to render: ${(e as Error).message.split('\n')[0]}`);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (e) {
      throw new TemplateError(this.where(name), `rendered invalid JSON (${(e as Error).message}); use the json filter for strings`);
    }
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
      throw new TemplateError(this.where(name), 'must render a JSON object');
    }
    const problems = platform === 'slack' ? slackViolations(payload as Record<string, unknown>) : discordViolations(payload as Record<string, unknown>);
    if (problems.length) throw new TemplateError(this.where(name), `rendered a message over the platform limits: ${problems.join('; ')}`);
    return payload as Record<string, unknown>;
  }
}
