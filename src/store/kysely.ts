/**
 * kysely's values, for every store module (types come from 'kysely' directly). The CLI bundle (dist/cli/)
 * holds its ES build in the store's chunk: one file where Node 20 would otherwise load some 260 modules.
 */
import * as Kysely from 'kysely';
import * as Migration from 'kysely/migration';

export const kysely = Kysely;
export const migration = Migration;
