/** A child process's peak RSS: the child writes its own on exit (process.resourceUsage, in KiB) to stderr. */
export const PEAK_RSS_ON_EXIT = [
  '--import',
  'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss="+process.resourceUsage().maxRSS+"\\n"))',
];

/** The peak RSS in KiB from the child's stderr; NaN when it did not say. */
export const peakRssKiB = (stderr: string) => Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? NaN);
