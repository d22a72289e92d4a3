/** `npm run schema`: writes config/schema.json (JSON Schema for editors) from the zod schema. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigSchema } from '../src/config/schema.js';
import { PACKAGE_ROOT } from '../src/paths.js';

export function configJsonSchema(): unknown {
  return { ...z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' }), title: 'release-radar configuration' };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = join(PACKAGE_ROOT, 'config', 'schema.json');
  writeFileSync(file, JSON.stringify(configJsonSchema(), null, 2) + '\n');
  console.log(`wrote ${file}`);
}
