// The browser test runs in GitHub Actions: the browser that is there is used, Debian's chromium is
// installed with sudo where needed, and a missing browser is visible (a failure when CI=true).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserPlan, findBrowser } from './helpers/browser.js';

const ROOT = join(import.meta.dirname, '..');
const FIND = join(ROOT, '.ci', 'find-browser');

function fakeBin(dir: string, name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/bash\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

function sandbox(): { dir: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rr-browser-'));
  const log = join(dir, 'calls.log');
  // apt-get "installs" chromium into the sandbox; sudo records itself and runs the rest.
  fakeBin(
    dir,
    'apt-get',
    `echo "apt-get $*" >> ${log}; if [ "$1" = install ]; then printf '#!/bin/bash\\n' > ${dir}/chromium; /bin/chmod +x ${dir}/chromium; fi`,
  );
  fakeBin(dir, 'sudo', `echo "sudo $*" >> ${log}; [ "$1" = -n ] && shift; exec "$@"`);
  return { dir, log };
}

const runFind = (env: NodeJS.ProcessEnv) => spawnSync('/bin/bash', [FIND], { env, encoding: 'utf8' });

describe('finding a browser', () => {
  it('uses CHROME_PATH, else a chromium or google-chrome on PATH', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rr-browser-'));
    const chrome = fakeBin(dir, 'google-chrome', 'exit 0');
    expect(findBrowser({ PATH: dir })).toBe(chrome);
    expect(findBrowser({ PATH: dir, CHROME_PATH: process.execPath })).toBe(process.execPath);
    expect(findBrowser({ PATH: join(dir, 'nothing') })).toBeNull();
    expect(runFind({ PATH: dir }).stdout.trim()).toBe(chrome);
  });

  it('without a browser, a test is skipped with the reason, and fails in CI', () => {
    const none = { PATH: '/nonexistent' };
    const local = browserPlan(none);
    expect(local).toMatchObject({ run: false, fail: false });
    expect(!local.run && local.why).toMatch(/CHROME_PATH/);
    expect(browserPlan({ ...none, CI: 'true' })).toMatchObject({ run: false, fail: true });
  });

  it('.ci/find-browser installs chromium with sudo when not root', () => {
    const { dir, log } = sandbox();
    const r = runFind({ PATH: dir, RR_EUID: '1001' });
    expect(r.stdout.trim()).toBe(join(dir, 'chromium'));
    expect(readFileSync(log, 'utf8')).toMatch(/^sudo -n apt-get install -y --no-install-recommends chromium$/m);
  });

  it('.ci/find-browser runs apt-get without sudo as root', () => {
    const { dir, log } = sandbox();
    const r = runFind({ PATH: dir, RR_EUID: '0' });
    expect(r.stdout.trim()).toBe(join(dir, 'chromium'));
    const calls = readFileSync(log, 'utf8');
    expect(calls).toMatch(/^apt-get install/m);
    expect(calls).not.toContain('sudo');
  });

  it('.ci/run uses .ci/find-browser and exports CHROME_PATH; no apt-get without sudo there', () => {
    const run = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    expect(run).toContain('.ci/find-browser');
    expect(run).toContain('export CHROME_PATH');
    expect(run).not.toMatch(/^\s*\(?apt-get /m);
    expect(existsSync(FIND)).toBe(true);
  });
});
