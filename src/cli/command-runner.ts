/**
 * Runs one command with its own composition root and turns what it threw into an exit code, the message
 * printed with every secret redacted: shared by the CLI (main.ts) and the GitHub Action (src/action/main.ts).
 */
import { StoreError, UsageError } from '../domain/errors.js';
import { Context, type ContextOptions } from './context.js';
import type { Io } from './io.js';

export async function runWithContext(
  io: Io,
  opts: ContextOptions,
  command: (ctx: Context) => Promise<number>,
): Promise<number> {
  const ctx = new Context(io, { config: opts.config, db: opts.db });
  try {
    return await command(ctx);
  } catch (e) {
    if (e instanceof Error) e.message = await ctx.redact(e.message);
    return reportError(e, io);
  } finally {
    await ctx.close();
  }
}

/** Prints an error as `release-radar: …`; its exit code: 2 for bad input, 3 for the store, else 1. */
export function reportError(e: unknown, io: Io): number {
  io.err(`release-radar: ${(e as Error).message}\n`);
  return e instanceof UsageError || e instanceof StoreError ? e.exitCode : 1;
}
