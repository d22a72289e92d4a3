// Discord escaping: discord.js's escapeMarkdown plus our mention breaking.
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
