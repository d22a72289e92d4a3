// Opening a PostgreSQL store from the CLI: a database that does not exist is one clean line saying what to do
// (never the password), and `poll --dry-run` creates nothing in a database with no store yet.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../src/fakes/github.js';
import { tfNotes } from '../src/fakes/notes.js';
import { Store } from '../src/store/store.js';
import { runCli } from './helpers/cli.js';
import { PG_ADMIN_URL, postgresLocation } from './helpers/stores.js';

const TF = 'tensorflow/tensorflow';

async function tables(databaseUrl: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const r = await c.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    return r.rows.map((row) => row.name);
  } finally {
    await c.end();
  }
}

describe('PostgreSQL store from the CLI', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await new FakeGitHub().start();
    gh.publish(TF, { tag_name: 'v2.19.0', body: tfNotes('2.19.0') });
  });
  afterEach(() => gh.close());

  it('a database that does not exist: one line naming where, what and how to fix it; no password', async () => {
    const url = new URL(PG_ADMIN_URL);
    url.username = 'postgres';
    url.password = 'hunter2-not-shown';
    url.pathname = `/rr_missing_${process.pid}`;
    const r = await runCli(['poll', '--repo', TF], {
      env: { GITHUB_API_URL: gh.url, DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' },
    });
    expect(r.code).toBe(3);
    const where = `PostgreSQL ${url.hostname}:${url.port || 5432}/rr_missing_${process.pid}`;
    expect(r.err).toBe(
      `release-radar: ${where}: database "rr_missing_${process.pid}" does not exist; create it (\`createdb rr_missing_${process.pid}\`) or point DATABASE_URL at one that does\n`,
    );
    expect(r.err).not.toContain('hunter2');
  });

  describe('poll --dry-run', () => {
    let databaseUrl: string;
    let drop: () => Promise<void>;
    beforeEach(async () => {
      const p = await postgresLocation();
      databaseUrl = p.location.databaseUrl!;
      drop = p.drop;
    });
    afterEach(() => drop());

    it('on a database with no store yet creates no table, and shows what a poll would announce', async () => {
      const r = await runCli(['poll', '--dry-run', '--repo', TF], {
        env: { GITHUB_API_URL: gh.url, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
      });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('v2.19.0');
      expect(await tables(databaseUrl)).toEqual([]);
    });

    it('on an existing store reads it (a release already seen is not announced again) and writes nothing', async () => {
      const env = { GITHUB_API_URL: gh.url, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' };
      expect((await runCli(['poll', '--repo', TF], { env })).code).toBe(0);
      const before = await Store.open({ databaseUrl });
      const seen = (await before.releases(TF)).map((x) => x.tag);
      await before.close();
      expect(seen).toEqual(['v2.19.0']);
      gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
      const r = await runCli(['poll', '--dry-run', '--repo', TF], { env });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('v2.20.0');
      expect(r.out).not.toContain('v2.19.0');
      const after = await Store.open({ databaseUrl });
      expect((await after.releases(TF)).map((x) => x.tag)).toEqual(['v2.19.0']);
      await after.close();
    });
  });
});
