/**
 * The one source of truth for the config file. `npm run schema` writes config/schema.json from it
 * for editors; every field carries a description that ends up there.
 */
import { z } from 'zod';
import { CHANGE_KINDS } from '../../parsers/change.js';
import { CategoryRulesSchema, type CategoryRules } from '../classify/rules-schema.js';
import { EVERY_RE, RELIST_EVERY_RE } from './duration.js';
import { EVENT_TYPES } from '../diff/events.js';
import { DestinationName, fromEnv } from '../platforms/destination-fields.js';
import { DESTINATION_SCHEMAS } from '../platforms/schemas.js';

const CategoryName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'a category name is lower case letters, digits, "-" or "_", starting with a letter');

export { CategoryRulesSchema };
export type { CategoryRules } from '../classify/rules-schema.js';

export const CategoriesSchema = z.record(CategoryName, CategoryRulesSchema);

const RepoName = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected "owner/name", e.g. "pytorch/pytorch"');

/** Tag globs (src/diff/tag-filter.ts): `*` matches any characters, `/` included. */
const TagGlobs = z.array(z.string().min(1, 'a tag glob cannot be empty').max(200)).min(1);
const tagFields = (verb: string, what: string) => ({
  tags: TagGlobs.optional().describe(
    `${verb} only releases whose tag matches one of these globs (\`*\` matches any characters, \`/\` included: \`pkg-a/*\`); default: every tag. ${what}`,
  ),
  exclude_tags: TagGlobs.optional().describe(
    `Never ${verb.toLowerCase()} releases whose tag matches one of these globs (e.g. \`*-nightly*\`). ${what}`,
  ),
});

export const RepoSchema = z
  .union([
    RepoName,
    z.strictObject({
      name: RepoName.describe('The GitHub repository, "owner/name".'),
      aliases: z.array(z.string().min(1)).default([]).describe('Short names for chat commands (e.g. "torch").'),
      every: z
        .string()
        .regex(EVERY_RE, 'expected a duration such as 5m, 1h or 1d')
        .optional()
        .describe('Check this repo this often instead of `poll.every` (e.g. 1h for a quiet one, 5m for a busy one).'),
      ...tagFields(
        'Announce',
        'Releases filtered out are still recorded (the site and reports stay complete), never announced.',
      ),
    }),
  ])
  .transform((r) => (typeof r === 'string' ? { name: r, aliases: [] as string[] } : r));

/** Every kind of destination, each defined by its platform (src/platforms/<name>/schema.ts, listed in schemas.ts). */
export const DestinationSchema = z.discriminatedUnion('type', DESTINATION_SCHEMAS);
export type Destination = z.output<typeof DestinationSchema>;

/** `changes: [breaking, feature]`: kinds of change, in the words of parsers/change.ts. */
const ChangeKinds = z
  .array(
    z.enum(CHANGE_KINDS, {
      error: (iss) => `unknown kind of change ${JSON.stringify(iss.input)} (known: ${CHANGE_KINDS.join(', ')})`,
    }),
  )
  .min(1);

export const SubscriptionSchema = z.strictObject({
  destination: DestinationName.describe('A destination name from `destinations`.'),
  repos: z
    .array(z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected "owner/name"'))
    .optional()
    .describe('Default: every repo.'),
  categories: z.array(CategoryName).optional().describe('Default: every category.'),
  events: z
    .array(z.enum(EVENT_TYPES))
    .min(1)
    .default([...EVENT_TYPES])
    .describe('Event types to post.'),
  prereleases: z.boolean().default(false).describe('Also post events of pre-releases.'),
  breaking_only: z.boolean().default(false).describe('Post only breaking items.'),
  detail: z
    .enum(['summary', 'full'])
    .optional()
    .describe(
      'full (default): the summary, then every other item in the thread under it; summary: the summary message only, with the link to the notes.',
    ),
  max_items: z
    .number()
    .int()
    .min(0)
    .max(50)
    .optional()
    .describe('Highlights in the summary (default 8; fewer when the summary would pass 15 lines or 2,000 characters).'),
  changes: ChangeKinds.optional().describe('Kinds of change to post (e.g. [breaking, feature]); default: every kind.'),
  ...tagFields('Post', "After the repo's own tag filter."),
  max_parts: z
    .number()
    .int()
    .min(2)
    .max(1000)
    .optional()
    .describe(
      'Messages per delivery at most, the summary included (default 50: every release of the PyTorch and TensorFlow histories fits whole); past it the last message says what is left per category, with the release link.',
    ),
});
export type Subscription = z.output<typeof SubscriptionSchema>;

/** `FROM..TO` or `FROM..` (src/report/range.ts reads it). */
export const RANGE_RE = /^[^\s.][^\s]*?\.\.(?:[^\s.][^\s]*)?$/;

export const UpgradeSchema = z.strictObject({
  repo: RepoName.describe('A tracked repository, "owner/name".'),
  range: z
    .string()
    .regex(RANGE_RE, 'expected FROM..TO (or FROM.. for "up to the latest"), e.g. "v2.7.0..v2.10.0" or "2.7..2.10"')
    .describe('FROM..TO: every release after FROM up to and including TO; FROM.. up to the latest stored.'),
  categories: z.array(CategoryName).optional().describe('Default: every category.'),
  changes: ChangeKinds.optional().describe('Kinds of change to include; default: every kind.'),
  prereleases: z.boolean().default(false).describe('Include the release candidates and other pre-releases.'),
  tag: z
    .string()
    .min(1)
    .optional()
    .describe('Only releases whose tag matches this glob (a monorepo package: "pkg-a/*").'),
});
export type UpgradeConfig = z.output<typeof UpgradeSchema>;

const Email = z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/, 'expected an email address, e.g. ml-team@example.com');

export const DigestSchema = z.strictObject({
  name: DestinationName.describe('Unique name of the digest.'),
  to: z.array(Email).min(1).describe('Recipients of this digest (one recipient list).'),
  repos: z.array(RepoName).optional().describe('Default: every repo.'),
  categories: z.array(CategoryName).optional().describe('Default: every category.'),
  changes: ChangeKinds.optional().describe(
    'Kinds of change to include (e.g. [breaking, deprecation]); default: every kind.',
  ),
  send_empty: z.boolean().default(false).describe('Send even when the window has no change.'),
});
export type DigestConfig = z.output<typeof DigestSchema>;

export const EmailSchema = z.strictObject({
  from: z.string().min(3).describe('Sender, e.g. "release-radar <bot@example.com>".'),
  smtp_url: fromEnv(/^smtps?:\/\/\S+$/, 'expected smtp://user:pass@host:587 or smtps://...')
    .optional()
    .describe('SMTP server, from the environment: ${SMTP_URL} (SMTP_URL is also read when this is left out).'),
  unsubscribe_url: z
    .string()
    .regex(/^https:\/\/\S+$/, 'expected an https:// URL')
    .optional()
    .describe('One-click unsubscribe URL (RFC 8058).'),
  unsubscribe_mailto: Email.optional().describe('Address for unsubscribe mails; default: the sender address.'),
  max_bytes: z
    .number()
    .int()
    .min(10_000)
    .default(100_000)
    .describe('Largest HTML part; in a longer digest, large releases show their highlights and link to the full list.'),
});

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    repos: z
      .array(RepoSchema)
      .min(1)
      .prefault(['pytorch/pytorch', 'tensorflow/tensorflow'])
      .describe('Repositories whose GitHub releases are tracked.'),
    categories: CategoriesSchema.default({}).describe(
      'Your categories, added to the built-in ones (mobile, distributed, packaging, windows, quantization); a built-in name replaces that category unless `extend: true`.',
    ),
    only_categories: z
      .array(CategoryName)
      .optional()
      .describe('Classify only into these categories (default: every built-in and configured category).'),
    poll: z
      .strictObject({
        initial: z
          .enum(['latest', 'none', 'all'])
          .default('latest')
          .describe('A repo seen for the first time: emit an event for its newest release only, none, or all.'),
        per_page: z.number().int().min(1).max(100).default(30).describe('Releases per GitHub page.'),
        every: z
          .string()
          .regex(EVERY_RE, 'expected a duration such as 5m, 15m or 1h')
          .default('15m')
          .describe(
            "How often each repo is due (15m, 1h, ...; a repo's own `every` wins; `serve --poll-every` overrides it). A `poll` run checks the repos that are due, unless `--all` or `--repo`; several `serve` replicas and `poll` runs on one PostgreSQL database split the due repos between them.",
          ),
        relist_every: z
          .string()
          .regex(RELIST_EVERY_RE, 'expected a duration such as 24h, 12h or 7d, or never')
          .default('24h')
          .describe(
            "List each repo's whole release history again this often (24h, 7d, never): a poll otherwise reads only the newest page, so edits and deletions of older releases are seen only then. Costs one request per 100 releases.",
          ),
      })
      .default({ initial: 'latest', per_page: 30, every: '15m', relist_every: '24h' }),
    destinations: z
      .array(DestinationSchema)
      .default([])
      .describe(
        'Where messages go: Slack, Discord and Teams channels, and signed webhooks to your own services (see `type`).',
      ),
    subscriptions: z.array(SubscriptionSchema).default([]).describe('Which events go to which destination.'),
    templates: z
      .string()
      .optional()
      .describe('A folder of your own templates; a file there overrides the built-in one of the same name.'),
    digests: z.array(DigestSchema).default([]).describe('Weekly digest emails.'),
    email: EmailSchema.optional().describe('How digests are sent.'),
    site: z
      .strictObject({
        base_url: z
          .string()
          .regex(
            /^https?:\/\/[^\s#?]+$/,
            'expected the http(s) URL the site is served from, e.g. https://example.github.io/release-radar/',
          )
          .optional()
          .describe(
            'Where `release-radar site` output is published; chat messages and digests then link "full list" to its release pages.',
          ),
        upgrades: z
          .array(UpgradeSchema)
          .default([])
          .describe(
            'Upgrade reports the site writes, one page each (upgrade/<owner>/<name>/<from>..<to>.html), from the stored releases.',
          ),
      })
      .optional()
      .describe('The static site and feeds (`release-radar site`).'),
    chat: z
      .strictObject({
        admins: z
          .array(z.string().min(1))
          .optional()
          .describe(
            'User ids (Slack U…, Discord snowflakes) who may change subscriptions from chat; default: everyone.',
          ),
        allow_untracked: z
          .boolean()
          .default(false)
          .describe(
            'Let chat queries read repos the config does not track (public repos only, rate-limited per channel); default: tracked repos only.',
          ),
        untracked_lookups_per_hour: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .default(10)
          .describe(
            'With allow_untracked: lookups of untracked repos each channel may make per hour (they spend the GitHub budget poll needs).',
          ),
        discord_gateway: z
          .boolean()
          .optional()
          .describe(
            "serve answers Discord over the bot's gateway connection (DISCORD_BOT_TOKEN), no public URL needed; default: when DISCORD_PUBLIC_KEY is not set.",
          ),
      })
      .prefault({})
      .describe('Slash commands.'),
  })
  .describe('release-radar configuration (release-radar.yaml).');

export type Config = z.output<typeof ConfigSchema>;
export type RepoConfig = Config['repos'][number];

/** The built-in categories file: just the categories map. */
export const CategoriesFileSchema = z.strictObject({ categories: CategoriesSchema });

/** A validated config as the commands use it. */
export interface LoadedConfig extends Config {
  /** Built-in categories merged with the user's: what the classifier uses. */
  resolvedCategories: Record<string, CategoryRules>;
  /** The file the config came from. */
  file: string;
}
