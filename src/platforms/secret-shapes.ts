/**
 * The shapes each platform's secrets take, for text that quotes one that was never registered. Kept apart
 * from the platform objects (which load templates and the markdown parser) so that every command's redactor
 * knows them from its first log line; each platform's object points at its own entry here.
 */
import type { SecretPattern } from '../domain/redact.js';

export const SECRET_SHAPES = {
  // Slack bot and user tokens.
  slack: [[/\bxox[a-z]-[A-Za-z0-9-]+/g, 'xox-[secret]']],
  // Slack incoming-webhook paths: /services/T…/B…/<token>.
  'slack-webhook': [[/\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/g, '/services/[secret]']],
  // Discord webhook and interaction tokens: /webhooks/<id>/<token>.
  discord: [[/\/webhooks\/(\d+)\/[\w-]{16,}/g, '/webhooks/$1/[secret]']],
  // A Teams Workflows URL carries the flow's signature in its query.
  teams: [[/([?&]sig=)[^&\s"'<>]+/g, '$1[secret]']],
  // Standard Webhooks signing secrets.
  webhook: [[/\bwhsec_[A-Za-z0-9+/=]{8,}/g, 'whsec_[secret]']],
} satisfies Record<string, readonly SecretPattern[]>;

/** Every platform's shapes, for a redactor built before any platform is loaded. */
export const ALL_SECRET_SHAPES: readonly SecretPattern[] = Object.values(SECRET_SHAPES).flat() as SecretPattern[];
