import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories } from '../src/config/load.js';
import { parseAndClassify } from '../src/notes.js';
import { packItems, unpackItems } from '../src/store/items-codec.js';

const body = readFileSync(join(import.meta.dirname, '..', 'examples', 'releases', 'tensorflow', 'v3.0.0.md'), 'utf8');
const items = parseAndClassify(body, 'tensorflow/tensorflow', new Classifier(builtinCategories()));

describe('stored items', () => {
  it('round-trip through the packed form, a fraction of the plain JSON', () => {
    const packed = packItems(items);
    expect(unpackItems(packed)).toEqual(items);
    expect(packed.length).toBeLessThan(JSON.stringify(items).length / 3);
  });

  it('still read when written as plain JSON (rows from before packing)', () => {
    expect(unpackItems(JSON.stringify(items))).toEqual(items);
  });
});
