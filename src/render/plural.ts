/** "1 item", "2 items": English plurals for counts in summaries. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** 4,988: digits grouped by hand, since toLocaleString loads ICU's locale data (about 25 ms of a command's start). */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
