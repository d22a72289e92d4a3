// Discord escaping: discord.js's escapeMarkdown plus our mention breaking; link targets safe in every markup.
import { describe, expect, it } from 'vitest';
import { escapeDiscord } from '../src/platforms/discord/markup.js';

describe('escapeDiscord', () => {
  it('escapes bold, italics, code, strikethrough, spoilers and masked links', () => {
    expect(escapeDiscord('**bold** *it* `code` ~~gone~~ ||spoiler|| back\\slash')).toBe(
      '\\*\\*bold\\*\\* \\*it\\* \\`code\\` \\~\\~gone\\~\\~ \\|\\|spoiler\\|\\| back\\\\slash',
    );
    expect(escapeDiscord('see [docs](https://evil.example/phish)')).toBe('see \\[docs](https://evil.example/phish)');
  });

  it('leaves URLs readable (no escaped underscores inside them)', () => {
    expect(escapeDiscord('https://pytorch.org/docs/stable/generated/torch.compile_with_cache.html')).toBe(
      'https://pytorch.org/docs/stable/generated/torch.compile_with_cache.html',
    );
    expect(escapeDiscord('snake_case_name')).toBe('snake\\_case\\_name');
  });

  it('breaks mentions', () => {
    expect(escapeDiscord('@everyone @here <@123> <@&456> <#789>')).toBe(
      '@\u200beveryone @\u200bhere <\u200b@123> <\u200b@&456> <\u200b#789>',
    );
  });
});

describe('link targets from release notes', () => {
  it('cannot close their link and open a second, deceptive one, in any markup', async () => {
    const { itemMarkup } = await import('../src/render/markup.js');
    const { GITHUB_COM } = await import('../src/domain/github-links.js');
    const { builtinClassifier } = await import('./helpers/classifier.js');
    const { parseAndClassify } = await import('../src/notes.js');
    const { SLACK_MARKUP } = await import('../src/platforms/slack/markup.js');
    const { DISCORD_MARKUP } = await import('../src/platforms/discord/markup.js');
    const { TEAMS_MARKUP } = await import('../src/platforms/teams/markup.js');
    const [item] = parseAndClassify(
      '- Fixed the guide: [https://good.com](<https://good.com/)[https://github.com/pytorch/pytorch](https://evil.example>) (#12)',
      'a/b',
      builtinClassifier,
    );
    for (const style of [SLACK_MARKUP, DISCORD_MARKUP, TEAMS_MARKUP]) {
      const out = itemMarkup(item!, 'a/b', style, GITHUB_COM);
      expect(out, style.name).not.toMatch(/\]\(https:\/\/evil\.example|\|https:\/\/github\.com\/pytorch/);
      expect(out, style.name).toContain(
        'https://good.com/%29%5Bhttps://github.com/pytorch/pytorch%5D%28https://evil.example',
      );
    }
  });
});
