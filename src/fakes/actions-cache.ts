/**
 * A fake of the GitHub Actions cache service, v2 (what @actions/cache talks to when the runner sets
 * ACTIONS_CACHE_SERVICE_V2 and ACTIONS_RESULTS_URL), as msw handlers served on loopback:
 *  - the twirp JSON API `POST /twirp/github.actions.results.api.v1.CacheService/<Method>` with the runtime
 *    token as a bearer: GetCacheEntryDownloadURL (the key exactly, then each restore key as a prefix, newest
 *    first, same version only), CreateCacheEntry (409 `already_exists` for a key and version already there),
 *    FinalizeCacheEntryUpload; errors in twirp's shape, `{ "code", "msg" }`;
 *  - the signed blob URLs it hands out, served as Azure Blob Storage serves them to @azure/storage-blob and
 *    @actions/http-client: Put Blob (`PUT` with `x-ms-blob-type: BlockBlob`, 201), Get Blob and Get Blob
 *    Properties (`GET`/`HEAD` with Content-Length), and a 403 in Azure's XML error shape for a bad signature.
 */
import { randomBytes } from 'node:crypto';
import { http, HttpResponse, type RequestHandler } from 'msw';
import { json, serveHandlers, type LoopbackServer } from './http.js';

const SERVICE = 'github.actions.results.api.v1.CacheService';

export interface FakeCacheEntry {
  id: number;
  key: string;
  version: string;
  /** The archive; absent until uploaded. */
  blob?: Uint8Array;
  finalized: boolean;
  /** Order of creation: "newest" for restore-key matches. */
  seq: number;
}

export class FakeActionsCache {
  /** The value the runner puts in ACTIONS_RUNTIME_TOKEN; anything else is refused. */
  readonly token = `fake-runtime-token-${randomBytes(6).toString('hex')}`;
  readonly entries: FakeCacheEntry[] = [];
  /** Every twirp call, in order (`GetCacheEntryDownloadURL`, …), and every blob request (`PUT blob`, …). */
  readonly calls: string[] = [];
  private readonly sig = randomBytes(12).toString('base64url');
  private served: LoopbackServer | null = null;
  private seq = 0;

  readonly handlers: RequestHandler[] = [
    http.post(`*/twirp/${SERVICE}/:method`, async ({ request, params }) => {
      const method = String(params.method);
      this.calls.push(method);
      if (request.headers.get('authorization') !== `Bearer ${this.token}`)
        return twirpError(401, 'unauthenticated', 'invalid or missing runtime token');
      if (!request.headers.get('content-type')?.startsWith('application/json'))
        return twirpError(415, 'bad_route', 'this fake speaks twirp JSON only');
      const body = (await request.json()) as Record<string, unknown>;
      switch (method) {
        case 'GetCacheEntryDownloadURL':
          return this.lookup(body);
        case 'CreateCacheEntry':
          return this.create(body);
        case 'FinalizeCacheEntryUpload':
          return this.finalize(body);
        default:
          return twirpError(404, 'bad_route', `no handler for path "/twirp/${SERVICE}/${method}"`);
      }
    }),
    http.put('*/blobs/:id', async ({ request, params }) => {
      this.calls.push('PUT blob');
      const entry = this.blobEntry(request, params.id);
      if (entry instanceof Response) return entry;
      if (request.headers.get('x-ms-blob-type') !== 'BlockBlob')
        return azureError(
          400,
          'MissingRequiredHeader',
          'An HTTP header that is mandatory for this request is not specified.',
        );
      if (new URL(request.url).searchParams.has('comp'))
        return azureError(400, 'UnsupportedQueryParameter', 'This fake takes single-shot Put Blob uploads only.');
      if (entry.finalized)
        return azureError(409, 'BlobImmutableDueToPolicy', 'The blob of a finalized entry is immutable.');
      entry.blob = new Uint8Array(await request.arrayBuffer());
      return new HttpResponse(null, { status: 201, headers: blobHeaders(entry) });
    }),
    http.get('*/blobs/:id', ({ request, params }) => {
      this.calls.push('GET blob');
      const entry = this.blobEntry(request, params.id);
      if (entry instanceof Response) return entry;
      if (!entry.blob || !entry.finalized) return azureError(404, 'BlobNotFound', 'The specified blob does not exist.');
      return new HttpResponse(entry.blob, {
        status: 200,
        headers: { ...blobHeaders(entry), 'content-length': String(entry.blob.byteLength) },
      });
    }),
    http.head('*/blobs/:id', ({ request, params }) => {
      this.calls.push('HEAD blob');
      const entry = this.blobEntry(request, params.id);
      if (entry instanceof Response) return entry;
      if (!entry.blob || !entry.finalized) return new HttpResponse(null, { status: 404 });
      return new HttpResponse(null, {
        status: 200,
        headers: { ...blobHeaders(entry), 'content-length': String(entry.blob.byteLength) },
      });
    }),
  ];

  /** ACTIONS_RESULTS_URL for the runner's environment (with a trailing slash, as the runner sets it). */
  get url(): string {
    if (!this.served) throw new Error('FakeActionsCache: start() it first');
    return `${this.served.url}/`;
  }

  async start(): Promise<this> {
    this.served = await serveHandlers(this.handlers);
    return this;
  }

  async close(): Promise<void> {
    await this.served?.close();
  }

  /** The keys of the entries that can be restored, oldest first. */
  keys(): string[] {
    return this.entries.filter((e) => e.finalized).map((e) => e.key);
  }

  private lookup(body: Record<string, unknown>): Response {
    const {
      key,
      restore_keys: restoreKeys = [],
      version,
    } = body as {
      key?: string;
      restore_keys?: string[];
      version?: string;
    };
    if (!key || !version) return twirpError(400, 'invalid_argument', 'key and version are required');
    const usable = this.entries.filter((e) => e.finalized && e.version === version).sort((a, b) => b.seq - a.seq);
    const hit =
      usable.find((e) => e.key === key) ??
      restoreKeys.map((p) => usable.find((e) => e.key.startsWith(p))).find((e) => e !== undefined);
    if (!hit) return json(200, { ok: false, signed_download_url: '', matched_key: '' });
    return json(200, { ok: true, signed_download_url: this.blobUrl(hit), matched_key: hit.key });
  }

  private create(body: Record<string, unknown>): Response {
    const { key, version } = body as { key?: string; version?: string };
    if (!key || !version) return twirpError(400, 'invalid_argument', 'key and version are required');
    if (this.entries.some((e) => e.key === key && e.version === version))
      return twirpError(409, 'already_exists', 'cache entry with the same key, version, and scope already exists');
    const entry: FakeCacheEntry = { id: this.entries.length + 1, key, version, finalized: false, seq: ++this.seq };
    this.entries.push(entry);
    return json(200, { ok: true, signed_upload_url: this.blobUrl(entry) });
  }

  private finalize(body: Record<string, unknown>): Response {
    const { key, version, size_bytes: size } = body as { key?: string; version?: string; size_bytes?: string };
    const entry = this.entries.find((e) => e.key === key && e.version === version && !e.finalized);
    if (!entry) return twirpError(404, 'not_found', 'no pending cache entry with this key and version');
    if (!entry.blob) return json(200, { ok: false, entry_id: '0', message: 'the archive was not uploaded' });
    if (String(entry.blob.byteLength) !== String(size))
      return json(200, {
        ok: false,
        entry_id: '0',
        message: `size_bytes ${size} is not the uploaded ${entry.blob.byteLength}`,
      });
    entry.finalized = true;
    return json(200, { ok: true, entry_id: String(entry.id) });
  }

  /** A SAS-style URL: the service signs it, the blob store checks the signature (`sig`). */
  private blobUrl(e: FakeCacheEntry): string {
    const q = new URLSearchParams({ sv: '2025-01-05', sr: 'b', sp: 'rcw', se: '2099-01-01T00:00:00Z', sig: this.sig });
    return `${this.url}blobs/${e.id}?${q}`;
  }

  private blobEntry(request: Request, id: unknown): FakeCacheEntry | Response {
    if (new URL(request.url).searchParams.get('sig') !== this.sig)
      return azureError(403, 'AuthenticationFailed', 'Server failed to authenticate the request.');
    const entry = this.entries.find((e) => String(e.id) === String(id));
    return entry ?? azureError(404, 'BlobNotFound', 'The specified blob does not exist.');
  }
}

function twirpError(status: number, code: string, msg: string): Response {
  return json(status, { code, msg });
}

/** Azure Storage's error answer: XML with the code also in `x-ms-error-code`. */
function azureError(status: number, code: string, message: string): Response {
  const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return new HttpResponse(xml, {
    status,
    headers: { 'content-type': 'application/xml', 'x-ms-error-code': code, 'x-ms-version': '2025-01-05' },
  });
}

function blobHeaders(e: FakeCacheEntry): Record<string, string> {
  return {
    etag: `"0x8DD${e.id.toString(16).padStart(12, '0').toUpperCase()}"`,
    'last-modified': new Date(Date.UTC(2026, 0, 1) + e.seq * 1000).toUTCString(),
    'x-ms-request-id': `${e.id}-${e.seq}`,
    'x-ms-version': '2025-01-05',
    'x-ms-blob-type': 'BlockBlob',
    'x-ms-request-server-encrypted': 'true',
  };
}
