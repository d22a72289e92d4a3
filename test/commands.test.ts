import { describe, expect, it } from 'vitest';
import { contextFromConfig, parseCommandText } from '../src/chat/commands.js';
import { interactionText } from '../src/platforms/discord-channel/receiver.js';

const ctx = contextFromConfig(
  [
    { name: 'pytorch/pytorch', aliases: ['pytorch', 'torch'] },
    { name: 'tensorflow/tensorflow', aliases: ['tensorflow', 'tf'] },
  ],
  ['mobile', 'distributed', 'packaging', 'windows', 'quantization'],
);

describe('/releases command text', () => {
  it.each([
    ['pytorch distributed', { kind: 'query', repo: 'pytorch/pytorch', category: 'distributed', public: false }],
    ['tf', { kind: 'query', repo: 'tensorflow/tensorflow', public: false }],
    [
      'torch windows v2.9.0 --public',
      { kind: 'query', repo: 'pytorch/pytorch', category: 'windows', version: 'v2.9.0', public: true },
    ],
    [
      'tensorflow/tensorflow latest-rc',
      { kind: 'query', repo: 'tensorflow/tensorflow', version: 'latest-rc', public: false },
    ],
    ['quantization', { kind: 'category', category: 'quantization', public: false }],
    [
      'subscribe pytorch distributed packaging --breaking-only',
      {
        kind: 'subscribe',
        repos: ['pytorch/pytorch'],
        categories: ['distributed', 'packaging'],
        prereleases: false,
        breakingOnly: true,
      },
    ],
    [
      'subscribe all all --prereleases',
      { kind: 'subscribe', repos: 'all', categories: 'all', prereleases: true, breakingOnly: false },
    ],
    [
      'subscribe pytorch distributed --changes breaking,feature',
      {
        kind: 'subscribe',
        repos: ['pytorch/pytorch'],
        categories: ['distributed'],
        prereleases: false,
        breakingOnly: false,
        changes: ['breaking', 'feature'],
      },
    ],
    [
      'subscribe all all --changes=Fix,security --prereleases',
      {
        kind: 'subscribe',
        repos: 'all',
        categories: 'all',
        prereleases: true,
        breakingOnly: false,
        changes: ['fix', 'security'],
      },
    ],
    ['unsubscribe tf mobile', { kind: 'unsubscribe', repos: ['tensorflow/tensorflow'], categories: ['mobile'] }],
    ['list', { kind: 'list' }],
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
  ])('%j', (text, expected) => {
    expect(parseCommandText(text, ctx)).toEqual(expected);
  });

  it.each([
    ['jax', /Unknown repo or category `jax`/],
    ['pytorch gpu extra words', /Too many arguments/],
    ['subscribe pytorch gpu', /Unknown category `gpu`/],
    ['subscribe', /needs a repo/],
    ['subscribe torch', /needs categories/],
    ['pytorch --loud', /Unknown option --loud/],
    ['list everything', /takes no arguments/],
    [
      'subscribe all all --changes bogus,fix',
      /`--changes` takes kinds of change.*unknown: `bogus`.*breaking, deprecation/,
    ],
    ['subscribe all all --changes', /`--changes` takes kinds of change/],
    ['pytorch --changes fix', /`--changes` is for `subscribe`/],
  ])('%j gets a short usage answer', (text, why) => {
    const c = parseCommandText(text, ctx);
    expect(c.kind).toBe('usage');
    expect((c as { message: string }).message).toMatch(why);
    expect((c as { message: string }).message).toContain('/releases subscribe');
  });

  it('Discord options become the same text', () => {
    const opt = (name: string, value: string | boolean) => ({ name, value, type: 3 });
    expect(
      interactionText({
        name: 'releases',
        options: [
          {
            name: 'show',
            type: 1,
            options: [opt('repo', 'pytorch/pytorch'), opt('category', 'windows'), opt('public', true)],
          },
        ],
      }),
    ).toBe('pytorch/pytorch windows --public');
    expect(
      interactionText({
        name: 'releases',
        options: [
          {
            name: 'subscribe',
            type: 1,
            options: [opt('repo', 'all'), opt('categories', 'mobile,windows'), opt('breaking_only', true)],
          },
        ],
      }),
    ).toBe('subscribe all mobile windows --breaking-only');
    expect(
      interactionText({
        name: 'releases',
        options: [
          {
            name: 'subscribe',
            type: 1,
            options: [opt('repo', 'all'), opt('categories', 'all'), opt('changes', 'breaking, feature')],
          },
        ],
      }),
    ).toBe('subscribe all all --changes=breaking,feature');
    expect(interactionText({ name: 'releases', options: [{ name: 'list', type: 1 }] })).toBe('list');
  });
});
