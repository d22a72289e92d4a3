/**
 * Runs action.yml's steps the way the runner does, on this machine: `run:` steps with bash (-eo pipefail) and
 * the GITHUB_* variables, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT set to temporary files; the `uses:` steps it
 * needs are stood in for (setup-node: this machine's Node; actions/cache: a folder). An expression or a
 * `uses:` it does not know fails the run, so a change to action.yml cannot slip past the test.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

export const ACTION_ROOT = join(import.meta.dirname, '..', '..');

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string | number>;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}
interface ActionYaml {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

export interface StepResult {
  name: string;
  ran: boolean;
  code: number;
  ms: number;
  out: string;
  err: string;
}

export interface ActionRun {
  ok: boolean;
  steps: StepResult[];
  outputs: Record<string, string>;
  summary: string;
}

export interface ActionRunOptions {
  inputs: Record<string, string>;
  /** The calling step's `env:` (secrets, endpoints of the fakes). */
  env: Record<string, string>;
  workspace: string;
  /** Stands in for the Actions cache; shared between runs of one test. */
  cacheDir: string;
  runId: number;
  token?: string;
}

export function readAction(): ActionYaml {
  return parse(readFileSync(join(ACTION_ROOT, 'action.yml'), 'utf8')) as ActionYaml;
}

export async function runAction(o: ActionRunOptions): Promise<ActionRun> {
  const action = readAction();
  if (action.runs.using !== 'composite')
    throw new Error(`this runner knows composite actions, not ${action.runs.using}`);
  const inputs: Record<string, string> = {};
  const github: Record<string, string> = {
    token: o.token ?? 'ghs_test_token',
    run_id: String(o.runId),
    run_attempt: '1',
  };
  const tmp = mkdtempSync(join(tmpdir(), 'rr-action-run-'));
  const summaryFile = join(tmp, 'step-summary.md');
  writeFileSync(summaryFile, '');

  const ref = (path: string): string => {
    const [scope, name] = path.split('.', 2) as [string, string];
    if (scope === 'inputs' && name in action.inputs) return inputs[name] ?? '';
    if (scope === 'github' && name in github) return github[name]!;
    throw new Error(`unknown expression ${path}`);
  };
  let failed = false;
  const value = (term: string): string | boolean => {
    const t = term.trim();
    if (t === 'always()') return true;
    if (t === 'success()') return !failed;
    if (/^'[^']*'$/.test(t)) return t.slice(1, -1);
    const or = t.split('||');
    if (or.length > 1) return or.map((x) => value(x)).find((x) => x !== '' && x !== false) ?? '';
    const eq = /^(.+?)\s*==\s*(.+)$/.exec(t);
    if (eq) return value(eq[1]!) === value(eq[2]!);
    if (/^[a-z_]+\.[\w-]+$/.test(t)) return ref(t);
    throw new Error(`unknown expression ${t}`);
  };
  const condition = (expr: string | undefined): boolean => {
    if (!expr) return !failed;
    const terms = expr.replace(/^\$\{\{|\}\}$/g, '').split('&&');
    const usesStatus = terms.some((t) => /always\(\)|success\(\)|failure\(\)/.test(t));
    return (usesStatus || !failed) && terms.every((t) => value(t) !== false && value(t) !== '');
  };
  const interpolate = (s: string | number): string =>
    String(s).replace(/\$\{\{(.+?)\}\}/g, (_, e: string) => String(value(e)));

  for (const [name, def] of Object.entries(action.inputs))
    inputs[name] = o.inputs[name] ?? interpolate(def.default ?? '');
  for (const name of Object.keys(o.inputs))
    if (!(name in action.inputs)) throw new Error(`action.yml has no input ${name}`);

  const steps: StepResult[] = [];
  const outputs: Record<string, string> = {};
  for (const step of action.runs.steps) {
    const name = step.name ?? step.uses ?? 'run';
    if (!condition(step.if)) {
      steps.push({ name, ran: false, code: 0, ms: 0, out: '', err: '' });
      continue;
    }
    const t0 = performance.now();
    if (step.uses) {
      const w = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(v)]));
      standIn(step.uses, w, o);
      steps.push({ name, ran: true, code: 0, ms: performance.now() - t0, out: '', err: '' });
      continue;
    }
    if (step.shell !== 'bash' || !step.run) throw new Error(`step ${name}: only bash run steps are supported`);
    const outputFile = join(tmp, `output-${steps.length}`);
    writeFileSync(outputFile, '');
    const env = {
      PATH: process.env.PATH!,
      HOME: process.env.HOME!,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: ACTION_ROOT,
      GITHUB_WORKSPACE: o.workspace,
      GITHUB_RUN_ID: github.run_id!,
      GITHUB_RUN_ATTEMPT: github.run_attempt!,
      GITHUB_REPOSITORY: 'someone/their-repo',
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: tmp,
      ...o.env,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(v)])),
    };
    // Asynchronous: the fakes answer from this same process.
    const r = await new Promise<{ code: number; out: string; err: string }>((resolve) => {
      const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
        cwd: o.workspace,
        env,
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (c) => resolve({ code: c ?? 1, out, err }));
    });
    const code = r.code;
    steps.push({ name, ran: true, code, ms: performance.now() - t0, out: r.out, err: r.err });
    if (step.id)
      for (const line of readFileSync(outputFile, 'utf8').split('\n').filter(Boolean)) {
        const i = line.indexOf('=');
        outputs[line.slice(0, i)] = line.slice(i + 1);
      }
    if (code !== 0) failed = true;
  }
  return { ok: !failed, steps, outputs, summary: readFileSync(summaryFile, 'utf8') };
}

/** The actions the composite action uses, played locally. */
function standIn(uses: string, w: Record<string, string>, o: ActionRunOptions): void {
  const action = uses.replace(/@.*$/, '');
  if (action === 'actions/setup-node') return; // this machine's Node runs the steps
  if (action === 'actions/cache/save') {
    const entry = join(o.cacheDir, w.key!);
    if (existsSync(entry)) return; // cache entries are immutable
    const src = join(o.workspace, w.path!);
    if (!existsSync(src)) return;
    cpSync(src, join(entry, w.path!), { recursive: true });
    return;
  }
  if (action === 'actions/cache/restore') {
    mkdirSync(o.cacheDir, { recursive: true });
    const prefixes = [
      w.key!,
      ...String(w['restore-keys'] ?? '')
        .split('\n')
        .filter(Boolean),
    ];
    const entries = readdirSync(o.cacheDir).map((k) => ({ k, at: statSync(join(o.cacheDir, k)).mtimeMs }));
    for (const p of prefixes) {
      const hit = entries.filter((e) => e.k.startsWith(p)).sort((a, b) => b.at - a.at)[0];
      if (hit) {
        rmSync(join(o.workspace, w.path!), { recursive: true, force: true });
        cpSync(join(o.cacheDir, hit.k, w.path!), join(o.workspace, w.path!), { recursive: true });
        return;
      }
    }
    return;
  }
  throw new Error(`the action runner does not know ${uses}`);
}
