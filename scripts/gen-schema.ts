/**
 * `npm run schema`: writes config/schema.json (JSON Schema for editors) from the config's zod schema,;
 * `npm run docs` then writes the docs' generated parts from it (scripts/gen-docs.ts).
 */
import { isMain } from './is-main.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { envVariables, parseEnv } from '../src/config/env-schema.js';
import { commandTitle } from '../src/config/env-vars.js';
import { ConfigSchema } from '../src/config/schema.js';
import { PACKAGE_ROOT } from '../src/paths.js';

export function configJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'release-radar configuration',
  };
}

/** The environment table of docs/configuration.md: one row per variable of the env schema; defaults are what an empty environment parses to. */
export function envTableMarkdown(): string {
  const defaults = parseEnv({});
  const rows = envVariables().map(({ name, info }) => {
    const def = defaults[name];
    return `| \`${name}\` | ${info.usedBy.map(commandTitle).join(', ')} | ${info.secret ? 'yes' : ''} | ${def === undefined ? '' : `\`${def}\``} | ${info.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| variable | read by | secret | default | meaning |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

if (isMain(import.meta.url)) {
  const file = join(PACKAGE_ROOT, 'config', 'schema.json');
  writeFileSync(file, JSON.stringify(configJsonSchema(), null, 2) + '\n');
  console.log(`wrote ${file}`);
}
