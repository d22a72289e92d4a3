/** The action's inputs (action.yml) as the command they run: pure, so a wrong input fails before anything runs. */
import { UsageError } from '../domain/errors.js';
import type { Context } from '../cli/context.js';

export interface ActionInputs {
  command: string;
  config: string;
  initial: string;
  since: string;
  databaseUrl: string;
  githubToken: string;
}

export const ACTION_COMMANDS = ['poll', 'digest'] as const;

/** The command an action run performs; `config`, `initial` and `since` left empty mean the command's default. */
export function actionCommand(i: ActionInputs): (ctx: Context) => Promise<number> {
  const config = i.config || undefined;
  switch (i.command) {
    case 'poll':
      return async (ctx) =>
        (await import('../cli/poll-command.js')).pollCommand(
          { config, repo: [], format: 'text', initial: i.initial || undefined },
          ctx,
        );
    case 'digest':
      return async (ctx) =>
        (await import('../cli/digest-command.js')).digestCommand(
          { config, since: i.since || undefined, digest: [] },
          ctx,
        );
    default:
      throw new UsageError(
        `input 'command' must be ${ACTION_COMMANDS.join(' or ')}, got '${i.command}'. Set \`with: { command: poll }\` (or digest) on the step.`,
      );
  }
}

/** The environment the command runs with: the inputs that stand for variables (empty: unset, as before). */
export function commandEnv(env: NodeJS.ProcessEnv, i: ActionInputs): NodeJS.ProcessEnv {
  return { ...env, DATABASE_URL: i.databaseUrl, GITHUB_TOKEN: i.githubToken };
}
