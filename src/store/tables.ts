/**
 * Table types. Portable across SQLite and PostgreSQL: text keys, ISO-8601 text times, 0/1 integers for
 * flags, JSON as text. Every key is derived from the data, so writes are idempotent upserts.
 */
import type { Kysely, Transaction } from 'kysely';

/** The database, or a transaction on it. */
export type Db = Kysely<Database> | Transaction<Database>;
export interface RepoTable {
  repo: string;
  etag: string | null;
  last_polled_at: string | null;
  last_full_listing_at?: string | null;
  quiet_fingerprint?: string | null;
  next_poll_at?: string | null;
  lease_owner?: string | null;
  lease_until?: string | null;
  failures?: number;
}

export interface ReleaseTable {
  key: string;
  repo: string;
  github_id: string;
  tag: string;
  name: string | null;
  prerelease: number;
  created_at: string | null;
  published_at: string | null;
  html_url: string | null;
  body_hash: string;
  first_seen_at: string;
  deleted_at: string | null;
}

export interface RevisionTable {
  release_key: string;
  body_hash: string;
  body: string;
  /** The parsed and classified items, packed by items-codec.ts (evidence names rules by id; older rows: rule text, or plain JSON). */
  items: string;
  seen_at: string;
}

/** The text of each rule stored evidence names (src/store/rules.ts). */
export interface RuleTable {
  /** `<field>:<hash of the pattern>` (src/classify/rule-id.ts). */
  id: string;
  field: string;
  pattern: string;
}

export interface EventTable {
  id: string;
  /** Insertion order (assigned in the writing transaction), for delivering and digesting in order. */
  seq: number;
  repo: string;
  release_key: string;
  type: string;
  tag: string;
  /** JSON: the whole ChangeEvent. */
  payload: string;
  created_at: string;
}

export interface DeliveryTable {
  event_id: string;
  destination: string;
  part: number;
  status: string;
  message_id: string | null;
  attempts: number;
  last_error: string | null;
  payload: string | null;
  updated_at: string;
  /** Who is sending the row (status `sending`) and until when the claim holds. */
  lease_owner: string | null;
  lease_until: string | null;
}

export interface SubscriptionTable {
  id: string;
  /** Where it came from: `chat` (slash command) or `config`. */
  source: string;
  destination: string;
  repos: string;
  categories: string;
  events: string;
  prereleases: number;
  breaking_only: number;
  /** JSON lists of tag globs (`[]`: no filter). */
  tags: string;
  exclude_tags: string;
  created_by: string | null;
  created_at: string;
  changes?: string | null;
  /** A chat-made subscription's surface and channel (`destination` is named after them). */
  surface?: string | null;
  channel_id?: string | null;
}

export interface DigestTable {
  digest: string;
  window_end: string;
  recipients: string;
  window_start: string;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
  last_seq: number;
}

/** Who polled GitHub lately (issue 27): the pollers that share the token's per-minute limits. */
export interface PollerTable {
  owner: string;
  seen_at: string;
}

export interface Database {
  pollers: PollerTable;
  repos: RepoTable;
  releases: ReleaseTable;
  revisions: RevisionTable;
  rules: RuleTable;
  events: EventTable;
  deliveries: DeliveryTable;
  subscriptions: SubscriptionTable;
  digests: DigestTable;
}
