/**
 * The always-on part of `serve`: polls every `--poll-every` and sends digests on the `--digest-schedule` cron
 * (croner; UTC unless a time zone is given). One job at a time in this process; across replicas on one
 * PostgreSQL database, polls split the due repos (each claimed under a lease) and the store's job lock lets
 * one replica send each digest turn. `stop()` (SIGTERM) aborts what is
 * queued, lets the message in flight finish and waits for the running job.
 */
import { Cron } from 'croner';
import type { Logger } from 'pino';
import { withJobLock } from '../store/job-lock.js';
import type { Store } from '../store/store.js';
import { parseDuration } from '../domain/duration.js';

export type JobName = 'poll' | 'digest';

export interface JobResult {
  /** `failed`: the job ran and something in it failed (a repo, a destination, a mail). */
  outcome: 'ok' | 'failed';
  detail: Record<string, unknown>;
}

export interface JobStatus {
  at: string;
  ms: number;
  /** `skipped`: another replica held the lock. `error`: the job threw. */
  outcome: 'ok' | 'failed' | 'skipped' | 'error';
  detail?: Record<string, unknown>;
  error?: string;
}

export interface SchedulerOptions {
  store: Store;
  logger: Logger;
  pollEverySec?: number;
  digestSchedule?: string;
  timezone?: string;
  jobs: { poll: (signal: AbortSignal) => Promise<JobResult>; digest?: (signal: AbortSignal) => Promise<JobResult> };
}

/** `--poll-every`: 30s, 15m, 1h. */
export function parseEvery(text: string): number {
  const sec = parseDuration(text, ['s', 'm', 'h']) ?? NaN;
  if (!(sec >= 1)) throw new Error(`invalid --poll-every "${text}": expected a number and a unit, like 30s, 15m or 1h`);
  return sec;
}

/** `--digest-schedule`: a cron pattern croner accepts (5 fields, or 6 with seconds). */
export function checkCron(pattern: string, timezone = 'UTC'): void {
  try {
    new Cron(pattern, { timezone, paused: true }).stop();
  } catch (e) {
    throw new Error(
      `invalid --digest-schedule "${pattern}": ${(e as Error).message} (example: "0 8 * * 1" is Mondays 08:00 UTC)`,
      { cause: e },
    );
  }
}

export class Scheduler {
  readonly last: Partial<Record<JobName, JobStatus>> = {};
  private readonly crons = new Map<JobName, Cron>();
  private readonly abort = new AbortController();
  private chain: Promise<void> = Promise.resolve();
  private queued = new Set<JobName>();

  constructor(private readonly o: SchedulerOptions) {}

  start(): void {
    const timezone = this.o.timezone ?? 'UTC';
    // Every second is a candidate; `interval` spaces the runs (the first comes at once).
    if (this.o.pollEverySec)
      this.crons.set(
        'poll',
        new Cron('* * * * * *', { interval: this.o.pollEverySec, timezone }, () => this.trigger('poll')),
      );
    if (this.o.digestSchedule && this.o.jobs.digest)
      this.crons.set('digest', new Cron(this.o.digestSchedule, { timezone }, () => this.trigger('digest')));
  }

  /** Runs a job after the one in progress; a job already waiting is not queued twice. */
  trigger(name: JobName): Promise<void> {
    if (this.queued.has(name) || this.abort.signal.aborted) return this.chain;
    this.queued.add(name);
    this.chain = this.chain.then(async () => {
      this.queued.delete(name);
      if (!this.abort.signal.aborted) await this.run(name);
    });
    return this.chain;
  }

  private async run(name: JobName): Promise<void> {
    const job = name === 'poll' ? this.o.jobs.poll : this.o.jobs.digest!;
    const started = Date.now();
    const at = new Date(started).toISOString();
    const log = this.o.logger.child({ job: name });
    try {
      // The poll claims each due repo under a lease, so replicas poll side by side and split the repos;
      // digests still take turns through the job lock.
      const r =
        name === 'poll'
          ? { ran: true as const, value: await job(this.abort.signal) }
          : await withJobLock(this.o.store, () => job(this.abort.signal));
      this.last[name] = r.ran
        ? { at, ms: Date.now() - started, outcome: r.value.outcome, detail: r.value.detail }
        : { at, ms: Date.now() - started, outcome: 'skipped' };
      if (!r.ran) log.info('another replica holds the job lock: skipped');
      else log.info({ outcome: r.value.outcome, ...r.value.detail, ms: Date.now() - started }, `${name} done`);
    } catch (e) {
      this.last[name] = { at, ms: Date.now() - started, outcome: 'error', error: (e as Error).message };
      log.error({ err: (e as Error).message }, `${name} failed`);
    }
  }

  status(): Record<string, unknown> {
    const next = (n: JobName) => this.crons.get(n)?.nextRun()?.toISOString() ?? null;
    return {
      poll: this.crons.has('poll')
        ? { every: `${this.o.pollEverySec}s`, last: this.last.poll ?? null, next: next('poll') }
        : null,
      digest: this.crons.has('digest')
        ? { schedule: this.o.digestSchedule, last: this.last.digest ?? null, next: next('digest') }
        : null,
    };
  }

  /** Stops the timers, aborts what is queued and waits for the running job (its message in flight finishes). */
  async stop(): Promise<void> {
    for (const c of this.crons.values()) c.stop();
    this.abort.abort();
    await this.chain;
  }
}
