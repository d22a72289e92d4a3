/**
 * `npm run docs`: regenerates the parts of docs/ that the code defines, between markers, so the docs cannot
 * drift from it: each command's `--help` (docs/cli.md), the configuration reference from the config schema
 * and the environment table from the env schema (docs/configuration.md). config/schema.json comes from
 * `npm run schema`, which runs this too. `test/docs.test.ts` fails when a generated part is stale.
 */
import { isMain } from './is-main.js';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configJsonSchema, envTableMarkdown } from './gen-schema.js';
import { PACKAGE_ROOT } from '../src/paths.js';

const BIN_PATH = join(PACKAGE_ROOT, 'bin', 'release-radar.js');
export const CLI_DOC = join(PACKAGE_ROOT, 'docs', 'cli.md');
export const CONFIG_DOC = join(PACKAGE_ROOT, 'docs', 'configuration.md');

/** Replaces what stands between `<!-- NAME -->` (or `<!-- NAME:ARG -->`) and `<!-- /NAME -->`. */
export function fillMarkers(doc: string, file: string, fill: (name: string, arg: string) => string): string {
  let found = 0;
  const out = doc.replace(/(<!-- ([a-z-]+):?([^>]*?) -->\n)[\s\S]*?(<!-- \/\2 -->)/g, (_m, open, name, arg, close) => {
    found++;
    return `${open}${fill(String(name), String(arg).trim())}${close}`;
  });
  if (!found) throw new Error(`${file}: no generated-part markers found`);
  return out;
}

/** `release-radar <command> --help`, as the built CLI prints it (80 columns, whatever the terminal). */
export function helpText(command: string): string {
  const args = [...(command ? command.split(' ') : []), '--help'];
  return execFileSync(process.execPath, [BIN_PATH, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, COLUMNS: '80' },
  });
}

export function cliDoc(doc: string): string {
  return fillMarkers(doc, 'docs/cli.md', (_help, command) => '```text\n' + helpText(command).trimEnd() + '\n```\n');
}

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  required?: string[];
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function typeOf(s: JsonSchema): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(', ');
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return [...new Set(variants.map(typeOf))].join(' or ');
  if (s.type === 'array') return `list of ${s.items ? typeOf(s.items) : 'values'}`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object' && !s.properties)
    return 'map';
  return Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? 'any');
}

/**
 * One row per key, depth first; list items as `key[]`, map values as `key.<name>`. The variants of a union
 * (the destination types) share one row for the keys they all have; the other keys name their variant.
 */
function rows(s: JsonSchema, path: string, out: string[][]): void {
  const variants = [s, ...(s.anyOf ?? []), ...(s.oneOf ?? [])].filter((v) => v.properties);
  const keysOf = (v: JsonSchema) => Object.keys(v.properties!).filter((k) => k !== '$schema');
  const common =
    variants.length > 1 ? keysOf(variants[0]!).filter((k) => variants.every((v) => k in v.properties!)) : [];
  const label = (v: JsonSchema) => String(v.properties!.type?.const ?? '');
  const row = (key: string, props: JsonSchema[], variant?: string) => {
    const p = path ? `${path}.${key}` : key;
    const prop = props[0]!;
    const described = props.filter((x) => x.description);
    const description =
      props.length > 1 && described.length > 1
        ? described
            .map((x, i) => `${label(variants[props.indexOf(x)] ?? variants[i]!)}: ${x.description!.replace(/\.$/, '')}`)
            .join('; ')
        : (described[0]?.description ?? '');
    out.push([
      `\`${p}\`${variant ? ` (${variant})` : ''}`,
      [...new Set(props.map(typeOf))].join(' or '),
      prop.default === undefined ? '' : `\`${JSON.stringify(prop.default)}\``,
      description,
    ]);
    const inner = prop.items ?? prop;
    if (inner.properties || inner.anyOf?.some((v) => v.properties) || inner.oneOf?.some((v) => v.properties))
      rows(inner, `${p}${prop.items ? '[]' : ''}`, out);
    else if (typeof prop.additionalProperties === 'object' && prop.additionalProperties.properties)
      rows(prop.additionalProperties, `${p}.<name>`, out);
  };
  for (const key of common)
    row(
      key,
      variants.map((v) => v.properties![key]!),
    );
  for (const v of variants)
    for (const key of keysOf(v))
      if (!common.includes(key)) row(key, [v.properties![key]!], variants.length > 1 ? label(v) : undefined);
}

export function configReferenceMarkdown(): string {
  const out: string[][] = [];
  rows(configJsonSchema() as JsonSchema, '', out);
  return [
    '| key | type | default | meaning |',
    '| --- | --- | --- | --- |',
    ...out.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** docs/configuration.md with its two generated parts (`config-reference`, `env-table`) regenerated. */
export function configurationDoc(doc: string): string {
  const parts: Record<string, () => string> = {
    'config-reference': configReferenceMarkdown,
    'env-table': envTableMarkdown,
  };
  return fillMarkers(doc, 'docs/configuration.md', (name) => {
    const part = parts[name];
    if (!part) throw new Error(`docs/configuration.md: no generated part named ${name}`);
    return `${part()}\n`;
  });
}

export function writeDocs(): void {
  writeFileSync(CLI_DOC, cliDoc(readFileSync(CLI_DOC, 'utf8')));
  writeFileSync(CONFIG_DOC, configurationDoc(readFileSync(CONFIG_DOC, 'utf8')));
  console.log(`wrote the generated parts of ${CLI_DOC} and ${CONFIG_DOC}`);
}

if (isMain(import.meta.url)) writeDocs();
