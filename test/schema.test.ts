import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { configJsonSchema, readmeWithEnvTable } from '../scripts/gen-schema.js';

const ROOT = join(import.meta.dirname, '..');

it('config/schema.json is generated from the zod schema (run `npm run schema` after changing it)', () => {
  const committed = JSON.parse(readFileSync(join(ROOT, 'config', 'schema.json'), 'utf8'));
  expect(committed).toEqual(configJsonSchema());
});

it("the README's environment table is generated from the env schema (run `npm run schema` after changing it)", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(readme).toEqual(readmeWithEnvTable(readme));
});
