/** `/healthz`'s store check: a round trip to the database. */
import { sql } from 'kysely';
import type { Store } from './store.js';

export async function storeHealth(store: Store): Promise<{ dialect: string; ok: boolean; error?: string }> {
  try {
    await sql`select 1`.execute(store.db);
    return { dialect: store.dialect, ok: true };
  } catch (e) {
    return { dialect: store.dialect, ok: false, error: (e as Error).message };
  }
}
