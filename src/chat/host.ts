/**
 * What `serve` hands each chat surface's receiver (src/platforms/types.ts `ChatHost`): the one command parser
 * and the one answerer, for commands however a surface receives them.
 */
import type { Logger } from 'pino';
import { newestFirst } from '../domain/release-view.js';
import type { ChatHost, ChatSurface, TypedCommand } from '../platforms/types.js';
import { parseCommandText, type ChatCommand, type CommandContext } from './commands.js';
import { handleCommand, type ChatDeps } from './handler.js';

interface Parsed extends TypedCommand {
  readonly command: ChatCommand;
}

export function chatHost(
  deps: ChatDeps,
  surface: ChatSurface,
  context: CommandContext,
  server: {
    replayed(key: string): boolean;
    later(job: () => Promise<void>): void;
    logger: Logger;
  },
): ChatHost {
  return {
    parse(text): Parsed {
      const command = parseCommandText(text, context);
      // Queries answer the asker alone unless `--public`; subscription changes are for the channel to see.
      const ephemeral =
        !('public' in command && command.public) && command.kind !== 'subscribe' && command.kind !== 'unsubscribe';
      return { kind: command.kind, ephemeral, command };
    },
    answer: (command, from) =>
      handleCommand(deps, { platform: surface, ...from, command: (command as Parsed).command }),
    async tags(repoText) {
      const repo = parseCommandText(repoText, context);
      if (repo.kind !== 'query') return [];
      return (await deps.store.releases(repo.repo))
        .filter((r) => !r.deleted)
        .sort(newestFirst)
        .map((r) => r.tag);
    },
    replayed: server.replayed,
    later: server.later,
    logger: server.logger,
  };
}
