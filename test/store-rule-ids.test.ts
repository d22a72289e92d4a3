// Stored evidence names rules by id, on SQLite and PostgreSQL alike.
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Classifier } from '../src/classify/classifier.js';
import { CategoryRulesSchema } from '../src/config/schema.js';
import type { ReleaseRecord } from '../src/domain/records.js';
import { parseAndClassify } from '../src/notes.js';
import type { StoreLocation } from '../src/store/location.js';
import { Store } from '../src/store/store.js';
import type { Item } from '../parsers/model.js';
import { EMPTY_LOCATIONS, migratedTo, STORE_KINDS, type TestStore } from './helpers/stores.js';

const REPO = 'acme/radar';
const BODY = '## Distributed\n\n- Faster all-reduce over NCCL (#1)\n- Add allreduce hooks (#2)\n- Fix a typo (#3)\n';
// Patterns that appear nowhere in the notes: if they are in a stored row, the row holds rule text.
const HEADING = '^distrib[a-z]+ed$';
const REDUCE = 'all[- ]?reduce';

function classify(regexes: string[]): Item[] {
  const classifier = new Classifier({ distributed: CategoryRulesSchema.parse({ headings: [HEADING], regexes }) });
  return parseAndClassify(BODY, REPO, classifier);
}

function release(tag: string): ReleaseRecord {
  return {
    key: `${REPO}@${tag}`,
    repo: REPO,
    githubId: tag,
    tag,
    name: tag,
    prerelease: false,
    createdAt: null,
    publishedAt: null,
    url: null,
    bodyHash: `h-${tag}`,
  };
}

async function store(ts: TestStore, tag: string, items: Item[]): Promise<void> {
  await ts.store.recordRelease(release(tag), items, BODY, '2026-11-01T00:00:00.000Z');
}

/** What a revision's items column holds, decompressed. */
async function storedJson(s: Store, tag: string): Promise<string> {
  const { items } = await s.db
    .selectFrom('revisions')
    .select('items')
    .where('release_key', '=', release(tag).key)
    .executeTakeFirstOrThrow();
  return brotliDecompressSync(Buffer.from(items.slice(items.indexOf(':') + 1), 'base64')).toString('utf8');
}

/** The evidence rules (sorted) of the items the store reads back for `tag`, both ways it reads them. */
async function rulesRead(s: Store, tag: string): Promise<string[]> {
  const { key, bodyHash } = release(tag);
  const [one, many] = [await s.releaseItems(key, bodyHash), (await s.itemsOf([key])).get(key)];
  expect(one).toEqual(many);
  return [...new Set(one!.flatMap((i) => i.evidence.map((e) => e.rule)))].sort();
}

/** A database migrated as far as before rule ids, with rows written the two older ways, then closed. */
async function storeBeforeRuleIds(location: StoreLocation, items: Item[]): Promise<void> {
  const db = await migratedTo(location, '003_delivery_lease');
  const old = { br: `br:${brotliCompressSync(JSON.stringify(items)).toString('base64')}`, json: JSON.stringify(items) };
  for (const [tag, packed] of Object.entries(old)) {
    const { key, githubId, bodyHash } = release(tag);
    await db
      .insertInto('releases')
      .values({
        key,
        repo: REPO,
        github_id: githubId,
        tag,
        name: tag,
        prerelease: 0,
        body_hash: bodyHash,
        first_seen_at: '',
      })
      .execute();
    await db
      .insertInto('revisions')
      .values({ release_key: key, body_hash: bodyHash, body: BODY, items: packed, seen_at: '' })
      .execute();
  }
  await db.destroy();
}

describe.each(STORE_KINDS)('stored evidence (%s)', (kind, makeStore) => {
  let ts: TestStore;
  beforeEach(async () => {
    ts = await makeStore();
  });
  afterEach(async () => {
    await ts.cleanup();
  });

  it('names rules by id: the stored items hold no pattern text, and read back identical', async () => {
    const items = classify([REDUCE]);
    expect(items.flatMap((i) => i.evidence.map((e) => e.rule))).toContain(`regexes:${REDUCE}`);
    await store(ts, 'v1', items);
    const json = await storedJson(ts.store, 'v1');
    expect(json).not.toContain(REDUCE);
    expect(json).not.toContain(HEADING);
    const { key, bodyHash } = release('v1');
    // Identical down to the key order: the JSON answers (query, the site's API) print these objects.
    expect(JSON.stringify(await ts.store.releaseItems(key, bodyHash))).toBe(JSON.stringify(items));
    expect(JSON.stringify((await ts.store.itemsOf([key])).get(key))).toBe(JSON.stringify(items));
  });

  it('keeps explaining an old revision with the rule it was classified by, after the rule is edited', async () => {
    await store(ts, 'v1', classify([REDUCE]));
    await store(ts, 'v2', classify(['allreduce']));
    await store(ts, 'v3', classify([REDUCE])); // the old rule again: stored once
    const reopened = await Store.open(ts.location);
    try {
      expect(await rulesRead(reopened, 'v1')).toEqual([`headings:${HEADING}`, `regexes:${REDUCE}`]);
      expect(await rulesRead(reopened, 'v2')).toEqual([`headings:${HEADING}`, 'regexes:allreduce']);
      expect(await rulesRead(reopened, 'v3')).toEqual(await rulesRead(reopened, 'v1'));
      const rows = await reopened.db.selectFrom('rules').select(['field', 'pattern']).orderBy('pattern').execute();
      expect(rows).toEqual([
        { field: 'headings', pattern: HEADING },
        { field: 'regexes', pattern: REDUCE },
        { field: 'regexes', pattern: 'allreduce' },
      ]);
    } finally {
      await reopened.close();
    }
  });

  it('still reads rows written before rule ids (rule text inline, or plain JSON) after the migration', async () => {
    const { location, drop } = await EMPTY_LOCATIONS[kind]!();
    const items = classify([REDUCE]);
    await storeBeforeRuleIds(location, items);
    const upgraded = await Store.open(location);
    try {
      for (const tag of ['br', 'json']) {
        const { key, bodyHash } = release(tag);
        expect(await upgraded.releaseItems(key, bodyHash)).toEqual(items);
        expect((await upgraded.itemsOf([key])).get(key)).toEqual(items);
      }
    } finally {
      await upgraded.close();
      await drop();
    }
  });
});
