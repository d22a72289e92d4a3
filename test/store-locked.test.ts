// Issue 22, point 7: a SQLite store another process holds, or one that is read-only, is store trouble (exit 3)
// with one line naming the file, what is wrong and what to do; not a repo failure (exit 1) with no path.
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../src/fakes/github.js';
import { tfNotes } from '../src/fakes/notes.js';
import { Store } from '../src/store/store.js';
import { runBin } from './helpers/spawn.js';
import { sqliteLocation } from './helpers/stores.js';

const TF = 'tensorflow/tensorflow';
const isRoot = process.getuid?.() === 0;

/** Read-only for this user: root ignores file modes, so the file is made immutable instead. */
function makeReadOnly(path: string): () => void {
  if (isRoot) {
    execFileSync('chattr', ['+i', path]);
    return () => execFileSync('chattr', ['-i', path]);
  }
  chmodSync(path, 0o444);
  return () => chmodSync(path, 0o644);
}

describe('a SQLite store that cannot be written', () => {
  let gh: FakeGitHub;
  let path: string;
  beforeEach(async () => {
    gh = await new FakeGitHub().start();
    gh.publish(TF, { tag_name: 'v2.20.0', body: tfNotes('2.20.0') });
    path = sqliteLocation().sqlitePath!;
    await (await Store.open({ sqlitePath: path })).close(); // a store, migrated
  });
  afterEach(() => gh.close());

  const poll = () => runBin(['poll', '--db', path, '--repo', TF], { GITHUB_API_URL: gh.url, LOG_LEVEL: 'silent' });

  it('locked by another process: exit 3, the file, who holds it and what to do', async () => {
    const holder = new DatabaseSync(path);
    holder.exec('begin exclusive'); // another process in the middle of a write
    try {
      const r = await poll();
      expect(r.code, r.err).toBe(3);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toContain(`store ${path}: the database is locked by another process`);
      expect(r.err).toMatch(/let it finish|stop it/);
    } finally {
      holder.exec('rollback');
      holder.close();
    }
    expect((await poll()).code).toBe(0); // and once it is free, the same poll works
  });

  it('read-only: exit 3, the file and what to do', async () => {
    const undo = makeReadOnly(path);
    try {
      const r = await poll();
      expect(r.code, r.err).toBe(3);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toContain(`store ${path}: `);
      expect(r.err).toMatch(/read-only/);
      expect(r.err).toMatch(/--db/);
    } finally {
      undo();
    }
  });
});
