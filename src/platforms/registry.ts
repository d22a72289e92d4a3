/**
 * Every destination platform, by the `type` of its destinations. The core looks platforms up here and never
 * branches on a platform's name; a new platform is a folder, its templates and one line below.
 */
import { DEFAULT_RETRY, type Sender } from './sender.js';
import type { DestinationBase, Platform, SenderEnv } from './types.js';
import { discordChannel } from './discord-channel/index.js';
import { discord } from './discord/index.js';
import { slackWebhook } from './slack-webhook/index.js';
import { slack } from './slack/index.js';
import { teams } from './teams/index.js';
import { webhook } from './webhook/index.js';
import type { Redactor } from '../domain/redact.js';
import { TemplateRenderer, type RendererOptions } from '../render/templates.js';
import type { GitHubLinks } from '../domain/github-links.js';

export const PLATFORMS = [slack, slackWebhook, discord, discordChannel, teams, webhook] as const;

const byType = new Map<string, Platform<DestinationBase>>(
  PLATFORMS.map((p) => [p.type, p as unknown as Platform<DestinationBase>]),
);

/** The platform of a destination; an unknown type is a programming error (the config schema admits only these). */
export function platformOf(d: DestinationBase, platforms = byType): Platform<DestinationBase> {
  const p = platforms.get(d.type);
  if (!p)
    throw new Error(`no platform for destinations of type ${d.type} (known: ${[...platforms.keys()].join(', ')})`);
  return p;
}

/** A registry of these platforms (and any a caller adds, as the extension test does). */
export function registry(extra: readonly Platform<DestinationBase>[] = []): Map<string, Platform<DestinationBase>> {
  return new Map([...byType, ...extra.map((p) => [p.type, p] as const)]);
}

/** Teaches a redactor the shapes every platform's secrets take (what sends or renders for them loads this module). */
export function learnSecretShapes(redactor: Redactor): Redactor {
  return redactor.addPatterns(PLATFORMS.flatMap((p) => p.secretPatterns ?? []));
}

/** The template renderer with every platform's filters. */
export function templateRenderer(
  userDir?: string,
  opts: Omit<RendererOptions, 'filters'> & { links?: GitHubLinks } = {},
) {
  const filters = Object.assign({}, ...PLATFORMS.map((p) => p.templateFilters ?? {})) as Record<
    string,
    (s: string) => string
  >;
  return new TemplateRenderer(userDir, { ...opts, filters });
}

/** Makes a destination's sender, registering its credentials as secrets first. */
export function senderFactory(
  env: Omit<SenderEnv, 'retry'> & Partial<Pick<SenderEnv, 'retry'>>,
  redactor: Redactor,
  platforms = byType,
): (d: DestinationBase) => Promise<Sender> {
  const full: SenderEnv = { ...env, retry: env.retry ?? DEFAULT_RETRY };
  learnSecretShapes(redactor);
  return (d) => {
    const p = platformOf(d, platforms);
    redactor.add(p.secrets(d));
    return p.createSender(d, { ...full, logger: env.logger.child({ destination: d.name }) });
  };
}
