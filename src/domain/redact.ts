/**
 * Secrets out of error text, in one place: every message that is logged, stored (the outbox's and digests'
 * `last_error`) or written to the job summary goes through `redact`. Two nets: the known secret values
 * (registered from the environment and the config's destinations), and the shapes secrets take (Slack
 * tokens, webhook paths, passwords in URLs, bearer tokens), for values that were never registered.
 */
const CENSOR = '[secret]';
const known = new Set<string>();

/** Environment variables whose values are secrets (DISCORD_PUBLIC_KEY included: harmless to hide). */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|WEBHOOK|_KEY$|^DATABASE_URL$|^SMTP_URL$/i;

/** Registers secret values; for a URL, its password and path too (a server may echo either alone). */
export function addSecrets(values: Iterable<string | undefined | null>): void {
  for (const v of values) {
    if (!v || v.length < 8) continue;
    known.add(v);
    try {
      const u = new URL(v);
      if (u.password && u.password.length >= 4) known.add(decodeURIComponent(u.password)).add(u.password);
      // A web address's path may hold its token (webhooks); a database's or mail server's is only a name.
      if (/^https?:$/.test(u.protocol)) {
        if (u.pathname.length >= 12) known.add(u.pathname);
        for (const seg of u.pathname.split('/')) if (seg.length >= 16) known.add(seg); // webhook tokens
      }
    } catch {
      // not a URL
    }
  }
}

export function addSecretsFromEnv(env: NodeJS.ProcessEnv): void {
  addSecrets(
    Object.entries(env)
      .filter(([k]) => SECRET_NAME.test(k))
      .map(([, v]) => v),
  );
}

/** What an example URL in a hint writes where the password goes (`smtp://user:pass@host`): not a secret. */
const PLACEHOLDER = /^(?:pass|password|secret|\*+|<[^>]*>|\[secret\])$/i;

const PATTERNS: [RegExp, string | ((...m: string[]) => string)][] = [
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, `xox-${CENSOR}`], // Slack tokens
  [/\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/g, `/services/${CENSOR}`], // Slack webhook paths
  [/\/webhooks\/(\d+)\/[\w-]{16,}/g, `/webhooks/$1/${CENSOR}`], // Discord webhook (and interaction) tokens
  // Passwords in URLs (the password only: user and host stay, and so does a hint's placeholder).
  [
    /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):([^\s@/]+)@/gi,
    (m, prefix, password) => (PLACEHOLDER.test(password!) ? m : `${prefix}:${CENSOR}@`),
  ],
  [/\b(Bearer|Bot)\s+[A-Za-z0-9._~+/=-]{10,}/g, `$1 ${CENSOR}`],
];

export function redact(text: string): string {
  let out = text;
  // Longest first, so that a URL goes before its own path.
  for (const s of [...known].sort((a, b) => b.length - a.length)) if (out.includes(s)) out = out.split(s).join(CENSOR);
  for (const [re, by] of PATTERNS) out = out.replace(re, by as string);
  return out;
}

/** `redact` over every string in a log record (depth-limited). */
export function redactDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redact(value) as T;
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { message: redact(value.message), name: value.name } as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)])) as T;
}
