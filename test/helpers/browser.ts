/**
 * The browser for tests that render HTML: CHROME_PATH, CHROMIUM_PATH or CHROME_BIN, else chromium or
 * google-chrome on PATH. Without one, a test is skipped loudly, and in CI (CI=true) fails instead.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const executable = (p: string) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export function findBrowser(env: NodeJS.ProcessEnv): string | null {
  for (const p of [env.CHROME_PATH, env.CHROMIUM_PATH, env.CHROME_BIN]) if (p && executable(p)) return p;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const n of NAMES) if (executable(join(dir, n))) return join(dir, n);
  }
  return null;
}

export type BrowserPlan = { run: true; path: string } | { run: false; fail: boolean; why: string };

/** Run with the browser found; else skip with a reason (printed), or fail in CI where skipping would hide it. */
export function browserPlan(env: NodeJS.ProcessEnv): BrowserPlan {
  const path = findBrowser(env);
  if (path) return { run: true, path };
  const why =
    'no Chromium or Chrome found (CHROME_PATH, CHROMIUM_PATH, CHROME_BIN, or chromium/google-chrome on PATH): ' +
    'install one (`sudo apt-get install chromium`) or set CHROME_PATH; .ci/run finds or installs one';
  return { run: false, fail: env.CI === 'true' || env.CI === '1', why };
}

/** Headless Chromium at `path`, kept off the network (no QUIC, no background or component updates). */
export async function launchBrowser(path: string) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: path,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
