/** A subscription made from chat (`/releases subscribe`): stored, and routed like a config one. */
export interface ChatSubscription {
  id: string;
  /** The destination name its messages are recorded under: `<surface>:<channel id>` (`slack:C123`). */
  destination: string;
  /** The chat surface it was made on (`slack`, `discord`): what posts to the channel. */
  surface: string;
  /** The channel on that surface. */
  channelId: string;
  /** Empty: every repo. */
  repos: string[];
  /** Empty: every category. */
  categories: string[];
  events: string[];
  prereleases: boolean;
  breakingOnly: boolean;
  /** `--tags`: globs of the release tags to post (empty: every tag); `!glob` ones go to `excludeTags`. */
  tags?: string[];
  excludeTags?: string[];
  /** Kinds of change to post (`--changes`); absent: every kind. */
  changes?: string[];
  createdBy: string | null;
  createdAt: string;
}
