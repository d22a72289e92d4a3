/** The child process of `chat-fakes-process.ts`: the fake Slack and Discord on loopback, until its parent goes. */
import type { ChatFakesSetup, FromChild, ToChild } from './chat-fakes-process.js';
import { FakeDiscord } from './discord.js';
import { FakeSlack } from './slack.js';

const setup = JSON.parse(process.argv[2] ?? '{}') as ChatFakesSetup;
const [slack, discord] = await Promise.all([new FakeSlack().start(), new FakeDiscord().start()]);
for (const c of setup.slackChannels) slack.channels.add(c);
const webhookUrls = setup.discordWebhooks.map((id) => discord.addWebhook(id));
const send = (m: FromChild) => process.send!(m);
if (setup.warmUp) await warmUp(setup.warmUp);
const cpuAtReady = process.cpuUsage();

process.on('message', (m: ToChild) => {
  if (m.type !== 'report') return;
  const cpu = process.cpuUsage(cpuAtReady);
  send({
    type: 'report',
    slack: { messages: slack.messages, rateLimited: slack.rateLimited },
    discord: { messages: discord.messages, rateLimited: discord.rateLimited },
    cpuMs: (cpu.user + cpu.system) / 1000,
  });
});
process.on('disconnect', () => void Promise.all([slack.close(), discord.close()]).then(() => process.exit(0)));
send({ type: 'ready', slackApiUrl: slack.apiUrl, discordApiUrl: discord.apiUrl, webhookUrls });

/**
 * Serves `n` messages on each fake before the child says it is ready, then forgets them: the benchmark's first
 * burst meets handlers the JIT has compiled, as a platform's servers would be, not the fakes' cold start.
 */
async function warmUp(n: number): Promise<void> {
  const json = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }).then((r) => r.text());
  const auth = { authorization: `Bearer ${[...slack.tokens][0]}` };
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const [channel, hook] = [`CWARM${i}`, `9${i}`];
      slack.channels.add(channel); // one message each: the 1/s limit is not met
      const [, token] = /webhooks\/\d+\/(.+)$/.exec(discord.addWebhook(hook))!;
      await Promise.all([
        json(`${slack.apiUrl}chat.postMessage`, { channel, text: 'warm-up', blocks: [] }, auth),
        json(`${discord.apiUrl}/v10/webhooks/${hook}/${token}?wait=true`, { content: 'warm-up' }),
      ]);
    }),
  );
  slack.messages.length = 0;
  discord.messages.length = 0;
  slack.rateLimited = discord.rateLimited = 0;
}
