/**
 * Runs a JavaScript action (`runs.using: node24`) as GitHub's runner does, on this machine: `node <main>` in
 * the workspace, each input as `INPUT_<NAME>` (defaults from action.yml, `${{ github.token }}` included), the
 * GITHUB_* and RUNNER_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY as files, and the cache service's
 * ACTIONS_RESULTS_URL / ACTIONS_CACHE_SERVICE_V2 / ACTIONS_RUNTIME_TOKEN when a FakeActionsCache is given.
 * What the action prints goes through the runner's workflow commands: `::add-mask::` hides a value from then
 * on, `::error::` and `::warning::` become annotations, `::debug::` is kept apart. An action.yml this runner
 * does not know (another `using`, `pre`/`post`, an unknown expression) fails loudly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { FakeActionsCache } from './actions-cache.js';

export interface ActionYaml {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { description?: string; value?: string }>;
  runs: { using: string; main: string; pre?: string; post?: string; steps?: unknown };
}

export interface ActionRunOptions {
  /** The action's root: action.yml and what `runs.main` names. */
  actionDir: string;
  inputs: Record<string, string>;
  /** The machine's PATH (where the runner finds tar and zstd), then the step's `env:` (secrets, endpoints of the fakes). */
  env: Record<string, string> & { PATH: string };
  workspace: string;
  runId: number;
  runAttempt?: number;
  /** The Actions cache service; without one the run has none (as on a runner without the cache). */
  cache?: FakeActionsCache;
  /** `github.token`, the default of an input that names it. */
  token?: string;
  /** The Node binary (the runner's node24). */
  node?: string;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
}

export interface ActionRun {
  code: number | null;
  ok: boolean;
  outputs: Record<string, string>;
  summary: string;
  /** The step's log as the runner shows it: workflow commands taken out, masked values as `***`. */
  log: string;
  /** What the process wrote, less the `::add-mask::` commands (which the runner never shows). */
  printed: string;
  annotations: Annotation[];
  debug: string[];
  ms: number;
}

export function readActionYaml(actionDir: string): ActionYaml {
  return parse(readFileSync(join(actionDir, 'action.yml'), 'utf8')) as ActionYaml;
}

export async function runJavaScriptAction(o: ActionRunOptions): Promise<ActionRun> {
  const action = readActionYaml(o.actionDir);
  if (!/^node\d+$/.test(action.runs.using) || !action.runs.main)
    throw new Error(`this runner runs JavaScript actions (runs.using: nodeNN, runs.main), not ${action.runs.using}`);
  if (action.runs.pre || action.runs.post) throw new Error('this runner does not run pre: or post: scripts');
  const github: Record<string, string> = { token: o.token ?? 'ghs_test_token' };
  const interpolate = (s: string) =>
    s.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, e: string) => {
      const m = /^github\.(\w+)$/.exec(e);
      if (!m || !(m[1]! in github)) throw new Error(`unknown expression ${e}`);
      return github[m[1]!]!;
    });
  for (const name of Object.keys(o.inputs))
    if (!(name in action.inputs)) throw new Error(`action.yml has no input ${name}`);

  const tmp = mkdtempSync(join(tmpdir(), 'rr-runner-'));
  const files = Object.fromEntries(
    ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE'].map((v) => {
      const f = join(tmp, `${v.toLowerCase()}.txt`);
      writeFileSync(f, '');
      return [v, f];
    }),
  );
  const inputEnv = Object.fromEntries(
    Object.entries(action.inputs).map(([name, def]) => [
      `INPUT_${name.replace(/ /g, '_').toUpperCase()}`,
      o.inputs[name] ?? interpolate(def.default ?? ''),
    ]),
  );
  const cacheEnv: Record<string, string> = o.cache
    ? { ACTIONS_RESULTS_URL: o.cache.url, ACTIONS_CACHE_SERVICE_V2: 'True', ACTIONS_RUNTIME_TOKEN: o.cache.token }
    : {};
  const env: Record<string, string> = {
    HOME: tmp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_RUN_ID: String(o.runId),
    GITHUB_RUN_ATTEMPT: String(o.runAttempt ?? 1),
    GITHUB_REPOSITORY: 'someone/their-repo',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: tmp,
    ...files,
    ...cacheEnv,
    ...inputEnv,
    ...o.env,
  };

  const t0 = performance.now();
  const r = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    // Asynchronous: the fakes answer from this same process.
    const child = spawn(o.node ?? process.execPath, [join(o.actionDir, action.runs.main)], { cwd: o.workspace, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
  const ms = performance.now() - t0;
  return {
    code: r.code,
    ok: r.code === 0,
    outputs: readOutputs(readFileSync(files.GITHUB_OUTPUT!, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY!, 'utf8'),
    ...workflowCommands(r.out + r.err),
    ms,
  };
}

/** The outputs file: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks (what @actions/core writes). */
export function readOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`outputs file: no closing ${heredoc[2]} for ${heredoc[1]}`);
      if (heredoc[1]! in out) throw new Error(`outputs file: ${heredoc[1]} written twice`);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`outputs file: cannot read the line ${JSON.stringify(line)}`);
    if (line.slice(0, eq) in out) throw new Error(`outputs file: ${line.slice(0, eq)} written twice`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/** The runner's reading of a step's output: masks, annotations, debug lines, and the log it shows. */
function workflowCommands(text: string): Pick<ActionRun, 'log' | 'printed' | 'annotations' | 'debug'> {
  const masks: string[] = [];
  const annotations: Annotation[] = [];
  const debug: string[] = [];
  const shown: string[] = [];
  const printed: string[] = [];
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  for (const line of text.split('\n')) {
    const cmd = /^::([\w-]+)(?: [^:]*)?::(.*)$/.exec(line);
    if (cmd?.[1] === 'add-mask') {
      masks.push(unescape(cmd[2]!));
      continue;
    }
    printed.push(line);
    const mask = (s: string) => masks.reduce((acc, m) => (m ? acc.split(m).join('***') : acc), s);
    if (cmd?.[1] === 'debug') debug.push(mask(unescape(cmd[2]!)));
    else if (cmd && (cmd[1] === 'error' || cmd[1] === 'warning' || cmd[1] === 'notice')) {
      annotations.push({ level: cmd[1], message: mask(unescape(cmd[2]!)) });
      shown.push(mask(`${cmd[1][0]!.toUpperCase()}${cmd[1].slice(1)}: ${unescape(cmd[2]!)}`));
    } else shown.push(mask(line));
  }
  return { log: shown.join('\n'), printed: printed.join('\n'), annotations, debug };
}
