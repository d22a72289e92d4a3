/** What the store keeps of a release and what GitHub lists: shared by the poll core, the GitHub adapter and the store. */
import type { Item } from '../../parsers/model.js';

export interface FetchedRelease {
  githubId: string;
  tag: string;
  name: string | null;
  body: string;
  draft: boolean;
  prerelease: boolean;
  createdAt: string | null;
  publishedAt: string | null;
  url: string | null;
}

export interface KnownRelease {
  key: string;
  githubId: string;
  tag: string;
  bodyHash: string;
  deleted: boolean;
  /** GitHub's date for the release (its list order); null when GitHub gave none. */
  createdAt: string | null;
}

export interface ReleaseRecord {
  key: string;
  repo: string;
  githubId: string;
  tag: string;
  name: string | null;
  prerelease: boolean;
  createdAt: string | null;
  publishedAt: string | null;
  url: string | null;
  bodyHash: string;
}

export interface RevisionRecord {
  releaseKey: string;
  bodyHash: string;
  body: string;
  items: Item[];
}
