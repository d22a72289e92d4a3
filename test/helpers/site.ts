/**
 * A store with enough releases for the site tests, polled from the fake GitHub: pytorch/pytorch with an
 * edited release and one whose name, URL and notes are hostile; tensorflow/tensorflow with 55 releases
 * (more than a feed holds) and a tag that is not a safe file name. `build` runs `release-radar site`.
 */
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FakeGitHub } from '../fakes/github.js';
import { runCli, type CliResult } from './cli.js';
import { tfNotes, torchNotes } from './notes.js';
import { poll } from './poll.js';
import { sqliteStore, type TestStore } from './stores.js';

export const PT = 'pytorch/pytorch';
export const TF = 'tensorflow/tensorflow';
export const TF_RELEASES = 55;
export const ODD_TAG = 'nightly/2026 01 ü';

export const HOSTILE_BODY = [
  '# PyTorch 2.10.0 Release Notes',
  '# Backwards Incompatible Changes',
  '## Distributed',
  '- Removed <script>alert("x")</script> from `ProcessGroupNCCL` (#3001)',
  '# Improvements',
  '## Distributed',
  '- See [the c10d docs](javascript:alert(1)) about ]]> and <img src=x onerror=alert(1)> (#3002)',
  '- Added <a href="javascript:alert(2)">FSDP</a> ]]>]]> option (#3003)',
  '- Escaped `<script>alert(4)</script>` and `]]>` in c10d logs (#3004)',
  `- Renamed \`${'averyveryverylongidentifierwithoutanyspacesthatcouldbreakthelayout'.repeat(4)}\` in c10d (#3005)`,
].join('\n');

export interface SiteFixture {
  gh: FakeGitHub;
  ts: TestStore;
  dbPath: string;
  configFile: string;
  dir: string;
  build(out: string, extra?: string[]): Promise<CliResult>;
  cleanup(): Promise<void>;
}

export async function siteFixture(): Promise<SiteFixture> {
  const gh = await new FakeGitHub().start();
  const ts = await sqliteStore();
  const dir = mkdtempSync(join(tmpdir(), 'rr-site-'));
  gh.publish(PT, {
    tag_name: 'v2.9.0',
    body: torchNotes('2.9.0', ['Fixed a hang in `ProcessGroupNCCL` abort (#1001)']),
  });
  for (let i = 0; i < TF_RELEASES; i++)
    gh.publish(TF, { tag_name: i === 7 ? ODD_TAG : `v2.${i}.0`, body: tfNotes(`2.${i}.0`) });
  gh.publish(PT, {
    tag_name: 'v2.10.0',
    name: '<script>alert(5)</script> ]]> 2.10',
    html_url: 'javascript:alert(6)',
    body: HOSTILE_BODY,
  });
  await poll(ts.store, gh, { repos: [PT, TF], initial: 'all' });
  // An edit: the release's feed entries take the time of the edit as `updated`.
  gh.edit(
    PT,
    'v2.9.0',
    torchNotes('2.9.0', ['Fixed a hang in `ProcessGroupNCCL` abort (#1001)', 'Added FSDP2 prefetch (#1004)']),
  );
  await poll(ts.store, gh, { repos: [PT] });
  const configFile = join(dir, 'release-radar.yaml');
  writeFileSync(configFile, `repos: [${PT}, ${TF}]\n`);
  const dbPath = ts.location.sqlitePath!;
  return {
    gh,
    ts,
    dbPath,
    configFile,
    dir,
    build: (out, extra = []) =>
      runCli(['site', '--out', out, '--config', configFile, '--db', dbPath, ...extra], {
        env: { LOG_LEVEL: 'silent' },
      }),
    async cleanup() {
      await ts.cleanup();
      await gh.close();
    },
  };
}

/** Every file under `dir`, as paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}
