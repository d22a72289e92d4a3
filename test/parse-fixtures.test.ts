// Golden files: test/fixtures/parse/<case>/input.md (+ repo.txt) against expected.json.
// Regenerate after a deliberate change with `UPDATE=1 npx vitest run test/parse-fixtures.test.ts`, then review the diff.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAndClassify } from '../src/notes.js';
import { builtinClassifier } from './helpers/classifier.js';

const root = join(import.meta.dirname, 'fixtures', 'parse');

describe('parse fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const dir = join(root, name);
      const repo = readFileSync(join(dir, 'repo.txt'), 'utf8').trim();
      const items = parseAndClassify(readFileSync(join(dir, 'input.md'), 'utf8'), repo, builtinClassifier);
      const file = join(dir, 'expected.json');
      if (process.env.UPDATE || !existsSync(file)) writeFileSync(file, JSON.stringify(items, null, 2) + '\n');
      expect(items).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }
});
