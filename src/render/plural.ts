/** "1 item", "2 items": English plurals for counts in summaries. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
