/**
 * `release-radar demo`: the whole loop offline. Starts stand-ins for GitHub, Slack, Discord and SMTP on
 * loopback (the fakes the tests use), then runs the real commands against them with the sample config:
 * polls that announce, edit, pre-release and promote; a signed slash command to a real `serve` process; the
 * weekly digest. Writes what each destination received as the platform would show it, and an index page.
 */

import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEMO_CONFIG, DEMO_STEPS, sampleRelease, type DemoStep } from './steps.js';
import { writeDemoPages, type DemoReport } from './pages.js';
import type { TemplateRenderer } from '../render/templates.js';
import type { ChangeEvent } from '../diff/events.js';
import type { DeliveryRow } from '../store/outbox.js';
import { FakeDiscord } from '../fakes/discord.js';
import { FakeGitHub } from '../fakes/github.js';
import { ResponseUrlSink } from '../fakes/response-url.js';
import { SLACK_SECRET, slackHeaders, slashBody } from '../fakes/signing.js';
import { FakeSlack } from '../fakes/slack.js';
import { startServeProcess } from '../fakes/serve-process.js';
import { FakeSmtp } from '../fakes/smtp.js';

const SLACK_TOKEN = 'xoxb-demo-token';
/** The Slack channels of the sample config, by destination name. */
const SLACK_CHANNELS: Record<string, string> = { 'ml-infra': 'C0DEMOINFRA', 'ml-packaging': 'C0DEMOPACKG' };
const DISCORD_WEBHOOK = { id: '100000000000000001', token: 'demo-webhook-token' };
const QUERY = 'pytorch distributed';

interface Fakes {
  gh: FakeGitHub;
  slack: FakeSlack;
  discord: FakeDiscord;
  smtp: FakeSmtp;
  sink: ResponseUrlSink;
}

async function startFakes(): Promise<Fakes> {
  const [gh, slack, discord, smtp, sink] = await Promise.all([
    new FakeGitHub().start(),
    new FakeSlack().start(),
    new FakeDiscord().start(),
    new FakeSmtp().start(),
    new ResponseUrlSink().start(),
  ]);
  slack.tokens.add(SLACK_TOKEN);
  for (const c of Object.values(SLACK_CHANNELS)) slack.channels.add(c);
  return { gh, slack, discord, smtp, sink };
}

/** What the demo needs from the CLI: run a command in this process, and read back what the store holds. */
export interface DemoDeps {
  /** Runs `release-radar ARGV` with this environment; its standard output, or an error naming the command. */
  cli(argv: string[], env: NodeJS.ProcessEnv): Promise<string>;
  /** The sample config's destinations, the outbox rows and the events, and the templates, from the store. */
  inspect(
    env: NodeJS.ProcessEnv,
    db: string,
  ): Promise<{
    destinations: DemoReport['destinations'];
    /** How a Slack channel shows a message: the slash command's answer is shown so. */
    queryPreview: DemoReport['queryPreview'];
    events: ChangeEvent[];
    renderer: TemplateRenderer;
    close(): Promise<void>;
  }>;
  out(text: string): void;
  path?: string;
}
export type { DeliveryRow };

function applyChanges(gh: FakeGitHub, step: DemoStep): void {
  for (const c of step.changes) {
    if ('edit' in c) gh.edit(c.repo, c.edit, sampleRelease(c.repo, c.file));
    else
      gh.publish(c.repo, {
        tag_name: c.publish,
        name: c.publish,
        body: sampleRelease(c.repo, c.file ?? c.publish),
        prerelease: !!c.prerelease,
      });
  }
}

/** `serve` as a real process on loopback, asked one signed Slack slash command; its answer arrives at response_url. */
async function slashCommand(fakes: Fakes, env: NodeJS.ProcessEnv, db: string): Promise<Record<string, unknown>> {
  const serve = await startServeProcess(['--config', DEMO_CONFIG, '--db', db], {
    ...env,
    SLACK_SIGNING_SECRET: SLACK_SECRET,
  });
  try {
    const body = slashBody(QUERY, { channel: SLACK_CHANNELS['ml-infra'], responseUrl: fakes.sink.url('demo') });
    const ack = await fetch(`${serve.url}/slack/events`, { method: 'POST', headers: slackHeaders(body), body });
    if (!ack.ok) throw new Error(`serve answered the slash command with HTTP ${ack.status}`);
    const [answer] = await fakes.sink.waitFor(1, 'demo');
    return answer!.body;
  } finally {
    serve.child.kill('SIGTERM');
  }
}

interface PollEvent {
  type: string;
  repo: string;
  tag: string;
}

export async function runDemo(opts: { out?: string }, deps: DemoDeps): Promise<number> {
  const t0 = performance.now();
  const out = resolve(opts.out ?? 'release-radar-demo');
  mkdirSync(out, { recursive: true });
  const db = join(out, 'demo-state.db');
  rmSync(db, { force: true });
  const fakes = await startFakes();
  const env: NodeJS.ProcessEnv = {
    PATH: deps.path,
    GITHUB_API_URL: fakes.gh.url,
    SLACK_API_URL: fakes.slack.apiUrl,
    DISCORD_API_URL: fakes.discord.apiUrl,
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    DISCORD_WEBHOOK_MOBILE: fakes.discord.addWebhook(DISCORD_WEBHOOK.id, DISCORD_WEBHOOK.token),
    SMTP_URL: fakes.smtp.url,
    LOG_LEVEL: 'error',
  };
  const steps: DemoReport['steps'] = [];
  let queryAnswer: Record<string, unknown> | null = null;
  let digest: DemoReport['digest'] = null;
  // Chat messages, the slash command's answers and the digest's emails: what each step produced.
  const sent = () =>
    fakes.slack.messages.length + fakes.discord.messages.length + fakes.smtp.received.length + (queryAnswer ? 1 : 0);
  try {
    for (const step of DEMO_STEPS) {
      applyChanges(fakes.gh, step);
      const before = sent();
      let events: PollEvent[] = [];
      if (step.run === 'poll') {
        events = (
          JSON.parse(
            await deps.cli(['poll', '--config', DEMO_CONFIG, '--db', db, '--format', 'json', '--all'], env),
          ) as {
            events: PollEvent[];
          }
        ).events;
      } else if (step.run === 'query') {
        queryAnswer = await slashCommand(fakes, env, db);
      } else {
        await deps.cli(['digest', '--config', DEMO_CONFIG, '--db', db], env);
        const mail = fakes.smtp.received.at(-1);
        if (!mail) throw new Error('the digest sent no email');
        digest = {
          subject: mail.mail.subject ?? '',
          html: typeof mail.mail.html === 'string' ? mail.mail.html : '',
          text: mail.mail.text ?? '',
          to: mail.envelopeTo,
        };
      }
      steps.push({ ...step, events, messages: sent() - before });
    }
    // What each destination was sent, as the outbox recorded it (every row must be `sent`).
    const view = await deps.inspect(env, db);
    try {
      const unsent = view.destinations.flatMap((d) => d.rows).filter((r) => r.status !== 'sent');
      if (unsent.length)
        throw new Error(
          `${unsent.length} message(s) not sent: ${unsent.map((r) => `${r.destination} ${r.status} ${r.lastError ?? ''}`).join('; ')}`,
        );
      const report: DemoReport = {
        steps,
        destinations: view.destinations,
        queryPreview: view.queryPreview,
        events: view.events,
        query: QUERY,
        queryAnswer,
        digest,
      };
      const index = writeDemoPages(out, report, view.renderer);
      deps.out(summaryTable(report, index, (performance.now() - t0) / 1000));
    } finally {
      await view.close();
    }
    return 0;
  } finally {
    await Promise.all([
      fakes.gh.close(),
      fakes.slack.close(),
      fakes.discord.close(),
      fakes.smtp.close(),
      fakes.sink.close(),
    ]);
  }
}

function summaryTable(r: DemoReport, index: string, seconds: number): string {
  const rows: string[][] = [['step', 'events', 'messages']];
  for (const s of r.steps) {
    const what =
      s.run === 'poll'
        ? s.events.map((e) => `${e.type} ${e.repo.split('/')[1]} ${e.tag}`).join(', ') ||
          'none (no subscription takes pre-releases)'
        : s.run === 'query'
          ? `/releases ${r.query}`
          : `digest to ${r.digest?.to.join(', ')}`;
    rows.push([s.title, what, String(s.messages)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const table = rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
  const perDestination = r.destinations.map((d) => `${d.name} ${d.rows.length}`);
  const perCategory = new Map<string, number>();
  for (const e of r.events)
    for (const [c, d] of Object.entries(e.categories))
      perCategory.set(c, (perCategory.get(c) ?? 0) + d.added.length + d.removed.length + d.changed.length);
  return [
    table,
    '',
    `messages per destination: ${perDestination.join(', ')}`,
    `items per category in the events: ${[...perCategory].map(([c, n]) => `${c} ${n}`).join(', ')}`,
    `done in ${seconds.toFixed(1)} s; nothing left this machine. Open ${index}`,
    '',
  ].join('\n');
}
