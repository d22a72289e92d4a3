/**
 * kysely, loaded through its CommonJS build. Its ES build is some 260 modules, and Node 20 loads them about
 * twice as slowly as `require` loads the same code: it was the largest start-up cost of a quiet poll. Every
 * store module takes kysely's values from here, so one copy is loaded (types come from 'kysely' directly).
 */
import { createRequire } from 'node:module';
import type * as Kysely from 'kysely';

export const kysely = createRequire(import.meta.url)('kysely') as typeof Kysely;
