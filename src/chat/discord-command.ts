/** The Discord application command `/releases`, as registered by `release-radar discord register-commands`. */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';

const { String: STRING, Boolean: BOOLEAN, Subcommand: SUB } = ApplicationCommandOptionType;

export function discordCommandDefinition(repos: readonly string[], categories: readonly string[]): Record<string, unknown> {
  const choices = (xs: readonly string[]) => xs.slice(0, 25).map((x) => ({ name: x, value: x }));
  const repo = (extra: string[] = []) => ({ type: STRING, name: 'repo', description: 'Repository', required: true, choices: choices([...extra, ...repos]) });
  const pub = { type: BOOLEAN, name: 'public', description: 'Post the answer in the channel (default: only you see it)' };
  return {
    name: 'releases',
    description: 'Release notes by area: ask, and subscribe this channel',
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        type: SUB,
        name: 'show',
        description: 'The categorized notes of a release',
        options: [
          repo(),
          { type: STRING, name: 'category', description: 'Only this category', choices: choices(categories) },
          { type: STRING, name: 'version', description: 'A tag, or latest-rc (default: the latest release)', autocomplete: true },
          pub,
        ],
      },
      {
        type: SUB,
        name: 'category',
        description: 'One category in the latest release of every tracked repo',
        options: [{ type: STRING, name: 'name', description: 'Category', required: true, choices: choices(categories) }, pub],
      },
      {
        type: SUB,
        name: 'subscribe',
        description: 'Post new releases of a repo in these categories to this channel',
        options: [
          repo(['all']),
          { type: STRING, name: 'categories', description: `Space-separated (${categories.join(', ')}) or all`, required: true },
          { type: BOOLEAN, name: 'prereleases', description: 'Also pre-releases' },
          { type: BOOLEAN, name: 'breaking_only', description: 'Only breaking changes' },
        ],
      },
      {
        type: SUB,
        name: 'unsubscribe',
        description: 'Stop posting a repo or categories here',
        options: [repo(['all']), { type: STRING, name: 'categories', description: 'Space-separated, or all', required: true }],
      },
      { type: SUB, name: 'list', description: "This channel's subscriptions" },
      { type: SUB, name: 'help', description: 'How to use /releases' },
    ],
  };
}
