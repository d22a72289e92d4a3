import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { configJsonSchema } from '../scripts/gen-schema.js';

const ROOT = join(import.meta.dirname, '..');

it('config/schema.json is generated from the zod schema (run `npm run schema` after changing it)', () => {
  const committed = JSON.parse(readFileSync(join(ROOT, 'config', 'schema.json'), 'utf8'));
  expect(committed).toEqual(configJsonSchema());
});
