/** The child process of `chat-fakes-process.ts`: the fake Slack and Discord on loopback, until its parent goes. */
import type { ChatFakesSetup, FromChild, ToChild } from './chat-fakes-process.js';
import { FakeDiscord } from './discord.js';
import { FakeSlack } from './slack.js';

const setup = JSON.parse(process.argv[2] ?? '{}') as ChatFakesSetup;
const [slack, discord] = await Promise.all([new FakeSlack().start(), new FakeDiscord().start()]);
for (const c of setup.slackChannels) slack.channels.add(c);
const webhookUrls = setup.discordWebhooks.map((id) => discord.addWebhook(id));
const send = (m: FromChild) => process.send!(m);
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
