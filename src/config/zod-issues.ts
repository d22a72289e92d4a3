/** zod problems as one line each: the key path, then what was expected. */
import type { z } from 'zod';

export function keyPath(path: readonly PropertyKey[]): string {
  if (!path.length) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') {
      return `${keyPath(i.path)}: unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    if (i.code === 'invalid_key') {
      return `${keyPath(i.path)}: invalid name (${i.issues.map((n) => n.message).join('; ')})`;
    }
    return `${keyPath(i.path)}: ${i.message}`;
  });
}
