/** fast-check generators of release-notes-like markdown, well-formed and broken. Shared by tests and scripts. */
import fc from 'fast-check';

const word = fc.constantFrom(
  'torch.distributed',
  'tf.lite',
  'Windows',
  'pip',
  'wheel',
  'NCCL',
  'int8',
  'quantization',
  'Fixed',
  'Added',
  'the',
  'a',
  '`code`',
  '**bold**',
  '_it_',
  '[link](https://x.y/pull/123)',
  '#4567',
  '<br>',
  '<td>',
  '</td>',
  '<INSERT NAME>',
  '&amp;',
  '|',
  '---',
  '```',
  '~~~',
  '>',
  '*',
  '-',
  '1.',
  '#',
  '\\',
  '<!--',
  '-->',
  '[',
  ']',
  '(',
  ')',
);
const line = fc.array(word, { minLength: 0, maxLength: 12 }).map((ws) => ws.join(' '));
const prefix = fc.constantFrom(
  '',
  '* ',
  '*   ',
  '- ',
  '  * ',
  '    * ',
  '1. ',
  '# ',
  '## ',
  '### ',
  '> ',
  '| ',
  '    ',
  '```',
  '<table><tr><td>',
);
const eol = fc.constantFrom('\n', '\r\n', '\r', '\n\n');

/** Lines with markdown prefixes joined by mixed line endings. */
export const markdownish = fc
  .array(fc.tuple(prefix, line, eol), { maxLength: 60 })
  .map((ls) => ls.map(([p, l, e]) => p + l + e).join(''));

/** Markdown-ish text mutated: cut, spliced with junk, control characters and invalid surrogates. */
export const mutated = fc
  .tuple(markdownish, fc.nat(), fc.string({ unit: 'binary', maxLength: 40 }), fc.nat())
  .map(([md, cut, junk, at]) => {
    const c = md.slice(0, md.length ? cut % (md.length + 1) : 0);
    const pos = c.length ? at % c.length : 0;
    return c.slice(0, pos) + junk + '\u0000\uD800\uFFFF' + c.slice(pos);
  });

export function nestedList(depth: number): string {
  return Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}* level ${i} touches torch.distributed\n`).join('');
}

export function nestedQuotes(depth: number): string {
  return `${'> '.repeat(depth)}* deep tf.lite item\n`;
}

export function longBody(chars: number): string {
  const block = '## Distributed\n\n* Fixed NCCL hang in `ProcessGroupNCCL` (#12345)\n* Added wheel for Windows\n\n';
  return block.repeat(Math.ceil(chars / block.length)).slice(0, chars);
}
