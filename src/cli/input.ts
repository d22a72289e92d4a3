/** Reading CLI input and checking CLI arguments, each failure a one-line UsageError. */
import { readFileSync } from 'node:fs';
import { UsageError } from '../domain/errors.js';

/** `stdin` is asked for only when it is read: process.stdin builds a stream (and loads its module) when first used. */
export async function readInput(
  file: string | undefined,
  standardInput: () => NodeJS.ReadStream = () => process.stdin,
): Promise<{ name: string; text: string }> {
  let text: string;
  let name: string;
  if (!file || file === '-') {
    const stdin = standardInput();
    if (stdin.isTTY) throw new UsageError('no input: give a FILE, or pipe release notes on standard input (FILE "-")');
    name = 'standard input';
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(c as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    name = file;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'is a directory'
            : code === 'EACCES'
              ? 'permission denied'
              : (e as Error).message;
      throw new UsageError(`cannot read ${file}: ${why}`);
    }
  }
  if (!text.trim()) throw new UsageError(`${name} is empty: nothing to parse`);
  return { name, text };
}

const REPO_RE = /^[\w.-]+\/[\w.-]+$/;
export function checkRepo(repo: string): string {
  if (!REPO_RE.test(repo))
    throw new UsageError(`malformed --repo "${repo}": expected OWNER/NAME, e.g. pytorch/pytorch`);
  return repo;
}

/** A guess from a file path, so `parse corpus/tensorflow/releases/v2.1.0.md` picks the right profile. */
export function guessRepo(path: string): string | null {
  if (/tensorflow/i.test(path)) return 'tensorflow/tensorflow';
  if (/pytorch|torch/i.test(path)) return 'pytorch/pytorch';
  return null;
}

export function checkCategories(wanted: readonly string[], known: readonly string[]): string[] {
  for (const c of wanted) {
    if (!known.includes(c)) throw new UsageError(`unknown category "${c}": known categories are ${known.join(', ')}`);
  }
  return wanted.length ? [...new Set(wanted)] : [...known];
}

export function checkChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`invalid ${flag} "${value}": expected one of ${choices.join(', ')}`);
  }
  return value as T;
}

/** `--changes breaking,deprecation`: kinds of change (parsers/change.ts), each checked. */
export function checkChangeKinds(flag: string, value: string, kinds: readonly string[]): string[] {
  const wanted = value
    .split(',')
    .map((k) => k.trim().toLowerCase())
    .filter(Boolean);
  const unknown = wanted.filter((k) => !kinds.includes(k));
  if (!wanted.length || unknown.length)
    throw new UsageError(
      `invalid ${flag} "${value}": ${unknown.length ? `unknown ${unknown.map((k) => `"${k}"`).join(', ')}; ` : ''}expected kinds from ${kinds.join(', ')}, comma-separated`,
    );
  return [...new Set(wanted)];
}

/** A repo argument that names no tracked repo or alias: the error lists what the config tracks. */
export function unknownRepo(repoArg: string, repos: readonly { name: string; aliases: readonly string[] }[]) {
  const known = repos.map((r) => (r.aliases.length ? `${r.name} (${r.aliases.join(', ')})` : r.name));
  return new UsageError(
    `unknown repo "${repoArg}": give OWNER/NAME or an alias from the config${known.length ? ` (tracked: ${known.join(', ')})` : ' (it tracks no repo: list them under `repos:`)'}`,
  );
}
