/**
 * The Discord application command `/releases`, as registered by `release-radar discord register-commands`,
 * built with discord.js's SlashCommandBuilder (loaded lazily: discord.js costs ~300 ms to import).
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { CHANGE_KINDS } from '../../parsers/change.js';

export async function discordCommandDefinition(
  repos: readonly string[],
  categories: readonly string[],
): Promise<RESTPostAPIChatInputApplicationCommandsJSONBody> {
  const { SlashCommandBuilder } = await import('discord.js');
  // Discord allows at most 25 choices per option.
  const choices = (xs: readonly string[]) => xs.slice(0, 25).map((x) => ({ name: x, value: x }));
  const pub = 'Post the answer in the channel (default: only you see it)';
  return new SlashCommandBuilder()
    .setName('releases')
    .setDescription('Release notes by area: ask, and subscribe this channel')
    .addSubcommand((s) =>
      s
        .setName('show')
        .setDescription('The categorized notes of a release')
        .addStringOption((o) =>
          o
            .setName('repo')
            .setDescription('Repository')
            .setRequired(true)
            .addChoices(...choices(repos)),
        )
        .addStringOption((o) =>
          o
            .setName('category')
            .setDescription('Only this category')
            .addChoices(...choices(categories)),
        )
        .addStringOption((o) =>
          o
            .setName('version')
            .setDescription('A tag, latest-rc, or a range: 2.5..2.10, since 2.5 (default: the latest release)')
            .setAutocomplete(true),
        )
        .addBooleanOption((o) => o.setName('public').setDescription(pub)),
    )
    .addSubcommand((s) =>
      s
        .setName('category')
        .setDescription('One category in the latest release of every tracked repo')
        .addStringOption((o) =>
          o
            .setName('name')
            .setDescription('Category')
            .setRequired(true)
            .addChoices(...choices(categories)),
        )
        .addBooleanOption((o) => o.setName('public').setDescription(pub)),
    )
    .addSubcommand((s) =>
      s
        .setName('subscribe')
        .setDescription('Post new releases of a repo in these categories to this channel')
        .addStringOption((o) =>
          o
            .setName('repo')
            .setDescription('Repository')
            .setRequired(true)
            .addChoices(...choices(['all', ...repos])),
        )
        .addStringOption((o) =>
          o
            .setName('categories')
            .setDescription(`Space-separated (${categories.join(', ')}) or all`.slice(0, 100))
            .setRequired(true),
        )
        .addBooleanOption((o) => o.setName('prereleases').setDescription('Also pre-releases'))
        .addBooleanOption((o) => o.setName('breaking_only').setDescription('Only breaking changes'))
        .addStringOption((o) =>
          o
            .setName('changes')
            .setDescription(`Only these kinds of change, comma-separated (${CHANGE_KINDS.join(', ')})`.slice(0, 100)),
        )
        .addStringOption((o) =>
          o.setName('tags').setDescription('Only these release tags: globs, comma-separated (pkg-a/*,!*-rc*)'),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('unsubscribe')
        .setDescription('Stop posting a repo or categories here')
        .addStringOption((o) =>
          o
            .setName('repo')
            .setDescription('Repository')
            .setRequired(true)
            .addChoices(...choices(['all', ...repos])),
        )
        .addStringOption((o) => o.setName('categories').setDescription('Space-separated, or all').setRequired(true)),
    )
    .addSubcommand((s) => s.setName('list').setDescription("This channel's subscriptions"))
    .addSubcommand((s) => s.setName('help').setDescription('How to use /releases'))
    .toJSON();
}
