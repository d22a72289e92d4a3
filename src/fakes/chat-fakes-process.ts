/**
 * The fake Slack and Discord served on loopback from a child process (`chat-fakes-child.ts`), for benchmarks:
 * in the benchmark's own process the fakes' msw request handling shared one event loop with the code being
 * measured and took a third of its CPU. The child reports what the fakes received when asked.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DiscordMessage } from './discord.js';
import type { SlackMessage } from './slack.js';

export interface ChatFakesSetup {
  slackChannels: string[];
  /** Discord webhook ids; each gets a token and a URL in Discord's shape. */
  discordWebhooks: string[];
  /** Messages each fake serves (and forgets) before it is ready, so that it answers warm from the start. */
  warmUp?: number;
}

/** What the fakes saw, and the CPU time the child spent since it was ready. */
export interface ChatFakesReport {
  slack: { messages: SlackMessage[]; rateLimited: number };
  discord: { messages: DiscordMessage[]; rateLimited: number };
  cpuMs: number;
}

export interface ChatFakesProcess {
  slackApiUrl: string;
  discordApiUrl: string;
  /** The webhook URLs, in the order of `discordWebhooks`. */
  webhookUrls: string[];
  report(): Promise<ChatFakesReport>;
  close(): Promise<void>;
}

/** Messages between the two processes. */
export type ToChild = { type: 'report' };
export type FromChild =
  | { type: 'ready'; slackApiUrl: string; discordApiUrl: string; webhookUrls: string[] }
  | ({ type: 'report' } & ChatFakesReport);

export async function startChatFakesProcess(setup: ChatFakesSetup): Promise<ChatFakesProcess> {
  // Run as this file is: built, or TypeScript through tsx (inherited from a process tsx started, else added).
  const ts = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(`./chat-fakes-child.${ts ? 'ts' : 'js'}`, import.meta.url));
  const execArgv = ts && !process.execArgv.some((a) => a.includes('tsx')) ? ['--import', 'tsx'] : process.execArgv;
  const child = fork(entry, [JSON.stringify(setup)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the fakes' process exited (${code})`))),
  );
  exited.catch(() => {}); // observed where it matters: while waiting for an answer
  const ready = await Promise.race([next(child, 'ready'), exited]);
  return {
    slackApiUrl: ready.slackApiUrl,
    discordApiUrl: ready.discordApiUrl,
    webhookUrls: ready.webhookUrls,
    async report() {
      const answer = next(child, 'report');
      child.send({ type: 'report' } satisfies ToChild);
      const { type: _, ...report } = await Promise.race([answer, exited]);
      return report;
    },
    async close() {
      if (child.exitCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.disconnect(); // the child closes its servers and exits
      const stuck = setTimeout(() => child.kill(), 5000);
      await gone;
      clearTimeout(stuck);
    },
  };
}

function next<T extends FromChild['type']>(child: ChildProcess, type: T): Promise<Extract<FromChild, { type: T }>> {
  return new Promise((resolve) => {
    const on = (m: FromChild) => {
      if (m.type !== type) return;
      child.off('message', on);
      resolve(m as Extract<FromChild, { type: T }>);
    };
    child.on('message', on);
  });
}
