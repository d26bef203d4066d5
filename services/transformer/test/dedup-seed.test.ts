// Seeding the duplicate index from stored items, over real gRPC against a stand-in persistence service.
import {
  connect,
  grpc,
  sluiceProto,
  startGrpcServer,
  type GrpcServer,
  type ListItemsRequest__Output,
  type ListItemsResponse,
} from '@sluice/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DedupIndex } from '../src/dedup-index.js';
import { seedDedupIndex } from '../src/dedup-seed.js';
import { NEAR_DUPLICATES, UNRELATED, WIRE_STORY } from './fixtures/near-duplicates.js';
import { simhash } from '../src/simhash.js';

const stored = [
  {
    id: 'newest',
    title: 'Night trains',
    text: UNRELATED[0]!,
    content_hash: 'h-newest',
    canonical_url: 'https://a.example/newest',
    duplicate_of: '',
  },
  {
    id: 'copy',
    title: 'ECB',
    text: WIRE_STORY,
    content_hash: 'h-copy',
    canonical_url: 'https://b.example/copy',
    duplicate_of: 'wire',
  },
  {
    id: 'wire',
    title: 'ECB',
    text: WIRE_STORY,
    content_hash: 'h-wire',
    canonical_url: 'https://a.example/wire',
    duplicate_of: '',
  },
  { id: 'oldest', title: 'Fed', text: UNRELATED[1]!, content_hash: 'h-oldest', canonical_url: '', duplicate_of: '' },
];
let server: GrpcServer;
const requests: ListItemsRequest__Output[] = [];

beforeAll(async () => {
  server = await startGrpcServer('127.0.0.1:0', [
    {
      name: 'sluice.v1.Persistence',
      definition: sluiceProto().Persistence.service,
      implementation: {
        ListItems: (
          call: grpc.ServerUnaryCall<ListItemsRequest__Output, ListItemsResponse>,
          callback: grpc.sendUnaryData<ListItemsResponse>,
        ) => {
          requests.push(call.request);
          const start = Number(call.request.cursor || '0');
          const items = stored.slice(start, start + 2);
          callback(null, { items, next_cursor: start + 2 < stored.length ? String(start + 2) : '' });
        },
      },
    },
  ]);
  server.setServing(true);
});
afterAll(() => server.shutdown(100));

describe('seedDedupIndex', () => {
  it('pages through the newest stored items with their text and indexes the originals', async () => {
    const client = connect('Persistence', `127.0.0.1:${server.port}`);
    const index = new DedupIndex({ capacity: 100, maxHammingDistance: 8 });
    const loaded = await seedDedupIndex(client, index, { limit: 10, minWords: 30, timeoutMs: 5000 });
    client.close();
    expect(loaded).toBe(3);
    expect(index.size).toBe(3);
    expect(requests.every((r) => r.include_text && r.sort === 'SORT_FIELD_COLLECTED')).toBe(true);
    const entry = (id: string, text: string, extra = {}) => ({
      id,
      contentHash: `x-${id}`,
      dedupKey: '',
      fingerprint: simhash(`ECB\n${text}`),
      nearEligible: true,
      ...extra,
    });
    expect(index.check(entry('new-copy', NEAR_DUPLICATES[0]!.b))).toMatchObject({
      duplicate_of: 'wire',
      duplicate_kind: 'near',
    });
    expect(
      index.check(entry('same-url', 'different', { dedupKey: 'https://a.example/newest', nearEligible: false })),
    ).toMatchObject({ duplicate_of: 'newest', duplicate_kind: 'exact' });
    expect(
      index.check(entry('same-hash', 'different', { contentHash: 'h-oldest', nearEligible: false })),
    ).toMatchObject({ duplicate_of: 'oldest', duplicate_kind: 'exact' });
  });
});
