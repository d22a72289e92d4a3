/**
 * A destination platform: everything release-radar knows of one kind of destination, in one object that the
 * core looks up by the destination's `type` (src/platforms/registry.ts). Adding a platform is a folder with
 * such an object, its templates, and a line in the registry.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { SecretPattern } from '../domain/redact.js';
import type { ChangeEvent } from '../diff/events.js';
import type { EventFilter, MarkupCache, MessageStyle } from '../render/message.js';
import type { PayloadRules } from '../render/templates.js';
import type { ModelInput } from '../render/message-model.js';
import type { TemplateRenderer } from '../render/templates.js';
import type { RetryPolicy, Sender } from './sender.js';

/** How a chat platform writes: its markup and room, its templates and their limits. */
export interface ChatStyle extends MessageStyle, PayloadRules {}

/** What every destination's config entry has. */
export interface DestinationBase {
  name: string;
  type: string;
}

/** What senders get from the composition root: API bases (tests and proxies point them elsewhere), retries, a logger. */
export interface SenderEnv {
  /** API base per platform family: `slack` (SLACK_API_URL), `discord` (DISCORD_API_URL). */
  apiUrls: Partial<Record<string, string>>;
  retry: RetryPolicy;
  logger: Logger;
}

/** One event to plan for one destination. */
export interface PlanContext<D extends DestinationBase> {
  destination: D;
  /** The event as this destination sees it (a final release in full for one that did not get its candidates). */
  event: ChangeEvent;
  /** `event` as message-model input (made once per event, whatever the number of destinations). */
  input: ModelInput;
  filter: EventFilter;
  renderer: TemplateRenderer;
  /** Item markup shared by the destinations of this event. */
  cache: MarkupCache;
}

/** How a preview page shows this platform's messages. */
export interface PreviewStyle {
  /** CSS class of the page (`slack`, `discord`, `teams`, `webhook`). */
  family: string;
  /** One message as the platform shows it, in HTML (every text escaped). */
  messageHtml(payload: Record<string, unknown>): string;
}

export interface Platform<D extends DestinationBase = DestinationBase> {
  /** The destination `type` it handles. */
  readonly type: D['type'];
  /** The request bodies of one event's message for one destination, in order; null when nothing is in its categories. */
  plan(ctx: PlanContext<D>): Record<string, unknown>[] | null;
  /** Whether the parts after the first go in a thread under it (else they follow it). */
  threads(d: D): boolean;
  createSender(d: D, env: SenderEnv): Promise<Sender>;
  /** Milliseconds from the platform's answer to one message to the next message to the same destination (Slack: about a second). */
  readonly spacingMs?: number;
  /** The destination's credentials (tokens, webhook URLs): secrets wherever an error might quote them. */
  secrets(d: D): (string | undefined)[];
  /** Shapes its secrets take, for text that quotes one never registered: [pattern, replacement]. */
  readonly secretPatterns?: readonly SecretPattern[];
  readonly preview: PreviewStyle;
  /** Liquid filters its templates use (each escapes text for its markup). */
  readonly templateFilters?: Record<string, (s: string) => string>;
}

/**
 * A platform people type `/releases` in (Slack, Discord): how its answers are written, and how a channel
 * subscribed from chat becomes a destination. A channel's destination name is `<name>:<channel id>`.
 */
export interface ChatSurface {
  readonly name: string;
  /** Answers to queries: the `<templates>/query.liquid` template, the markup and room of its messages. */
  readonly style: ChatStyle;
  /** A plain answer (help, usage, subscription changes); it may echo what the user typed, so it is escaped. */
  textReply(text: string): Record<string, unknown>;
  /** The variable holding the token that posts to channels subscribed from chat. */
  readonly postingTokenVar: string;
  /** The destination `poll` posts a chat subscription's channel with. */
  destination(name: string, channelId: string, token: string): DestinationBase;
  /** The channel a config destination posts to on this surface, if it is one of its channels. */
  channelOf(d: DestinationBase): string | undefined;
}

/** A command the core parsed from what someone typed: what a receiver needs before the answer is worked out. */
export interface TypedCommand {
  /** `help`, `query`, `subscribe`…: for the logs. */
  readonly kind: string;
  /** Whether only the person who typed it is to see the answer (a surface that defers its answer says so first). */
  readonly ephemeral: boolean;
}

/** What `serve` hands a chat surface's receiver: the core's parser and answers, and the server's shared guards. */
export interface ChatHost {
  /** What the user typed (`/releases <text>`), parsed into the common command. */
  parse(text: string): TypedCommand;
  /** The answer to a command typed in a channel, written for this surface. */
  answer(
    command: TypedCommand,
    from: { channelId: string; userId: string },
  ): Promise<{ ephemeral: boolean; payloads: Record<string, unknown>[] }>;
  /** The stored tags of the repo named by `repoText` (as typed: an alias works), newest first; [] if none. */
  tags(repoText: string): Promise<string[]>;
  /** True if this request key was seen within the replay window (it is recorded either way). */
  replayed(key: string): boolean;
  /** Runs work after the request was acknowledged, off the request path; closing the server waits for it. */
  later(job: () => Promise<void>): void;
  logger: Logger;
}

/** One HTTP route a receiver serves; `handle` reads the body itself (within src/platforms/chat-http.ts's limit). */
export interface ChatRoute {
  method: string;
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/** A chat surface receiving commands. */
export interface ChatReception {
  routes: readonly ChatRoute[];
  /** Its fields in /healthz. */
  health: Record<string, unknown>;
  /** How it receives, in a word, for the startup line (`http`, `socket`, `gateway`, `on`). */
  status: string;
  stop(): Promise<void>;
}

/** Starts receiving a surface's commands with its settings (parsed from the environment by the CLI). */
export type ChatReceiver = (settings: unknown, host: ChatHost) => Promise<ChatReception>;

/**
 * How `serve` receives a surface's commands (src/platforms/chat-receivers.ts). Apart from the surface itself,
 * which `poll` reads too: only `serve` reaches the receiver, an adapter loaded when the surface's settings are given.
 */
export interface ChatReceiving {
  readonly surface: ChatSurface;
  /** Its fields in /healthz when it is off (no settings). */
  readonly offHealth: Record<string, unknown>;
  load(): Promise<ChatReceiver>;
}
