/** A subscription made from chat (`/releases subscribe`): stored, and routed like a config one. */
export interface ChatSubscription {
  id: string;
  /** `slack:<channel id>` or `discord:<channel id>`. */
  destination: string;
  /** Empty: every repo. */
  repos: string[];
  /** Empty: every category. */
  categories: string[];
  events: string[];
  prereleases: boolean;
  breakingOnly: boolean;
  createdBy: string | null;
  createdAt: string;
}
