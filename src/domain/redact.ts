/**
 * Secrets out of text, in one value the composition root builds and hands to what logs, stores or prints
 * errors: every message that is logged, stored (the outbox's and digests' `last_error`) or written to the job
 * summary goes through `redact`. Two nets: the known secret values (registered from the environment and the
 * config's destinations), and the shapes secrets take (each platform adds its own: Slack tokens, webhook
 * paths…; passwords in URLs and bearer tokens are everyone's), for values that were never registered.
 */
const CENSOR = '[secret]';

/** Environment variables whose values are secrets (DISCORD_PUBLIC_KEY included: harmless to hide). */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|WEBHOOK|_KEY$|^DATABASE_URL$|^SMTP_URL$/i;

export type SecretPattern = readonly [RegExp, string | ((match: string, ...groups: string[]) => string)];

/** What an example URL in a hint writes where the password goes (`smtp://user:pass@host`): not a secret. */
const PLACEHOLDER = /^(?:pass|password|secret|\*+|<[^>]*>|\[secret\])$/i;

/** Shapes of secrets whatever the platform. */
export const GENERIC_SECRET_PATTERNS: readonly SecretPattern[] = [
  // Passwords in URLs (the password only: user and host stay, and so does a hint's placeholder).
  [
    /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):([^\s@/]+)@/gi,
    (m, prefix, password) => (PLACEHOLDER.test(password!) ? m : `${prefix}:${CENSOR}@`),
  ],
  [/\b(Bearer|Bot)\s+[A-Za-z0-9._~+/=-]{10,}/g, `$1 ${CENSOR}`],
];

export class Redactor {
  private readonly known = new Set<string>();
  private readonly patterns: SecretPattern[];

  constructor(patterns: readonly SecretPattern[] = []) {
    this.patterns = [...patterns, ...GENERIC_SECRET_PATTERNS];
  }

  /** Adds shapes secrets take (a platform's tokens or webhook paths); each pattern once. */
  addPatterns(patterns: readonly SecretPattern[]): this {
    for (const p of patterns) if (!this.patterns.some(([re]) => re.source === p[0].source)) this.patterns.unshift(p);
    return this;
  }

  /** Registers secret values; for a URL, its password and path too (a server may echo either alone). */
  add(values: Iterable<string | undefined | null>): this {
    for (const v of values) {
      if (!v || v.length < 8) continue;
      this.known.add(v);
      try {
        const u = new URL(v);
        if (u.password && u.password.length >= 4) this.known.add(decodeURIComponent(u.password)).add(u.password);
        // A web address's path may hold its token (webhooks); a database's or mail server's is only a name.
        if (/^https?:$/.test(u.protocol)) {
          if (u.pathname.length >= 12) this.known.add(u.pathname);
          for (const seg of u.pathname.split('/')) if (seg.length >= 16) this.known.add(seg); // webhook tokens
        }
      } catch {
        // not a URL
      }
    }
    return this;
  }

  /** Registers the values of the environment variables whose names say they are secrets. */
  addFromEnv(env: NodeJS.ProcessEnv): this {
    return this.add(
      Object.entries(env)
        .filter(([k]) => SECRET_NAME.test(k))
        .map(([, v]) => v),
    );
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so that a URL goes before its own path.
    for (const s of [...this.known].sort((a, b) => b.length - a.length))
      if (out.includes(s)) out = out.split(s).join(CENSOR);
    for (const [re, by] of this.patterns) out = out.replace(re, by as string);
    return out;
  }

  /** `redact` over every string in a log record (depth-limited). */
  redactDeep<T>(value: T, depth = 0): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (depth > 6 || value === null || typeof value !== 'object') return value;
    if (value instanceof Error) return { message: this.redact(value.message), name: value.name } as T;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v, depth + 1)) as T;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactDeep(v, depth + 1)])) as T;
  }
}
