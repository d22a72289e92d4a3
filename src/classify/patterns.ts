/**
 * The rule language's patterns. A pattern is a JavaScript regular expression, case-insensitive unless
 * written as `/source/flags`. Modules and keywords are literal strings matched on word boundaries.
 */

const SLASHED = /^\/(.+)\/([dgimsuvy]*)$/s;

/** Returns an error message for an invalid pattern, or null. */
export function patternError(pattern: string): string | null {
  try {
    compilePattern(pattern);
    return null;
  } catch (e) {
    return `invalid regular expression ${JSON.stringify(pattern)} (${(e as Error).message})`;
  }
}

export function compilePattern(pattern: string): RegExp {
  const m = SLASHED.exec(pattern);
  if (m) return new RegExp(m[1]!, m[2]!.replace(/[gy]/g, ''));
  return new RegExp(pattern, 'i');
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `torch.distributed` matches `torch.distributed` and `torch.distributed.rpc`, not `torch.distributedx`. */
export function compileModule(name: string): RegExp {
  return new RegExp(`(?<![\\w.])${escapeRegExp(name)}(?![\\w])`, 'i');
}

/** A keyword matches as a whole word (or phrase), case-insensitively. */
export function compileKeyword(word: string): RegExp {
  const start = /^\w/.test(word) ? '\\b' : '';
  const end = /\w$/.test(word) ? '\\b' : '';
  return new RegExp(`${start}${escapeRegExp(word)}${end}`, 'i');
}
