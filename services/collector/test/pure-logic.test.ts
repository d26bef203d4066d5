// Pure building blocks: token bucket, backoff, Retry-After, checkpoints, dates, links, SSRF ranges, config.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CheckpointTracker } from '../src/runs/checkpoint-tracker.js';
import { backoffDelayMs, errorBackoffMs, parseRetryAfterMs } from '../src/http/backoff.js';
import { decodeBody, detectCharset } from '../src/http/charset.js';
import { isBlockedAddress } from '../src/http/ssrf-guard.js';
import { TokenBucket } from '../src/http/token-bucket.js';
import { itemId } from '@sluice/content';
import { buildItem, parseDate, resolveUrl, unreadableRecord } from '../src/raw-item.js';
import { collectorSettingsSchema } from '../src/settings.js';
import { sourceSchema } from '../src/source-settings.js';
import { linkRel } from '../src/sources/json-api-fetch.js';
import { definitionToSource, mergeSources } from '../src/source-definitions.js';
import { formatIssues } from '@sluice/service-kit';

describe('TokenBucket', () => {
  it('hands out the burst at once, then spaces reservations at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 2, () => now); // 2/s, burst 2
    expect([bucket.reserve(), bucket.reserve()]).toEqual([0, 0]);
    expect(bucket.reserve()).toBe(500);
    expect(bucket.reserve()).toBe(1000); // queued behind the previous reservation
    now = 5_000;
    expect(bucket.reserve()).toBe(0); // refilled, capped at the burst
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(500);
  });
});

describe('cancellation leaves nothing behind', () => {
  it('gives an unused token back to the bucket', () => {
    let now = 0;
    const bucket = new TokenBucket(1, 1, () => now);
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(1000);
    bucket.refund(); // the second caller was cancelled while waiting
    expect(bucket.reserve()).toBe(1000);
  });
});

describe('backoff and Retry-After', () => {
  it('uses full jitter below an exponential ceiling', () => {
    expect(backoffDelayMs(0, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelayMs(3, 100, 10_000, () => 1)).toBe(800);
    expect(backoffDelayMs(30, 100, 10_000, () => 1)).toBe(10_000);
    expect(backoffDelayMs(3, 100, 10_000, () => 0)).toBe(0);
    expect(backoffDelayMs(3, 100, 10_000, () => 0.5)).toBe(400);
  });
  it('parses delta seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(parseRetryAfterMs('7', now)).toBe(7000);
    expect(parseRetryAfterMs('Fri, 27 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });
  it('backs failing sources off exponentially up to a maximum', () => {
    expect(errorBackoffMs(60, 0, 3600)).toBe(60_000);
    expect(errorBackoffMs(60, 1, 3600)).toBe(60_000);
    expect(errorBackoffMs(60, 3, 3600)).toBe(240_000);
    expect(errorBackoffMs(60, 20, 3600)).toBe(3_600_000);
  });
});

describe('CheckpointTracker', () => {
  it('commits only the longest fully acknowledged prefix, whatever the ack order', () => {
    const tracker = new CheckpointTracker();
    const a = tracker.push({ cursor: 1 });
    const b = tracker.push(undefined);
    const c = tracker.push({ cursor: 3 });
    tracker.ack(c);
    expect(tracker.committed).toBeUndefined();
    tracker.ack(b);
    expect(tracker.committed).toBeUndefined();
    tracker.ack(a);
    expect(tracker.committed).toEqual({ cursor: 3 });
    expect(tracker.allAcknowledged).toBe(true);
    expect(tracker.takeDirty()).toBe(true);
    expect(tracker.takeDirty()).toBe(false);
  });
});

describe('items', () => {
  it('parses dates in many forms and treats broken ones as unknown', () => {
    expect(parseDate('Tue, 10 Nov 2026 10:00:00 GMT')).toBe(Date.parse('2026-11-10T10:00:00Z'));
    expect(parseDate('2026-11-10T10:00:00+02:00')).toBe(Date.parse('2026-11-10T08:00:00Z'));
    expect(parseDate(1_794_300_000)).toBe(1_794_300_000_000);
    expect(parseDate('1794300000000')).toBe(1_794_300_000_000);
    expect(parseDate('yesterday-ish')).toBe(0);
    expect(parseDate('1970-01-01')).toBe(0);
    expect(parseDate(undefined)).toBe(0);
  });
  it('resolves relative links and drops non-http ones', () => {
    expect(resolveUrl('../a?b=1', 'https://x.org/blog/post/')).toBe('https://x.org/blog/a?b=1');
    expect(resolveUrl('javascript:alert(1)', 'https://x.org/')).toBe('');
    expect(resolveUrl('  https://x.org/p  ', undefined)).toBe('https://x.org/p');
  });
  it('builds stable ids and dead-letters items without any text', () => {
    const source = sourceSchema.parse({
      id: 's1',
      kind: 'feed',
      url: 'https://x.org/feed',
      priority: 8,
      weight: 0.9,
      tags: ['cfg'],
    });
    const a = buildItem(source, { externalId: 'g1', title: ' T ', url: 'https://x.org/1', tags: ['t'] }, 1000);
    const b = buildItem(source, { externalId: 'g1', title: 'changed', url: 'https://x.org/1' }, 2000);
    expect(a.ok && b.ok && a.item.id === b.item.id).toBe(true);
    expect(a.ok && a.item).toMatchObject({
      title: 'T',
      priority: 8,
      source_weight: 0.9,
      tags: ['t', 'cfg'],
      collected_at_ms: 1000,
      published_at_ms: 0,
    });
    const empty = buildItem(source, { externalId: 'g2', url: 'https://x.org/2' }, 1000);
    expect(empty.ok).toBe(false);
    expect(!empty.ok && empty.deadLetter).toMatchObject({
      stage: 'collector',
      reason: 'invalid_item',
      source_id: 's1',
    });
    const noId = buildItem(source, { title: 'only a title' }, 1000);
    expect(noId.ok && noId.item.external_id).toMatch(/^sha256:/);
  });
  it('gives every dead letter a stable id of its own (persistence keeps one row per id and stage)', () => {
    const source = sourceSchema.parse({ id: 's1', kind: 'feed', url: 'https://x.org/feed' });
    const named = buildItem(source, { externalId: 'g2', url: 'https://x.org/2' }, 1000);
    expect(!named.ok && named.deadLetter.item_id).toBe(itemId('s1', 'g2'));
    const first = unreadableRecord(source, 'invalid_json', 'record 3: invalid JSON', { line: 3, raw: '{' });
    const again = unreadableRecord(source, 'invalid_json', 'record 3: invalid JSON', { line: 3, raw: '{' });
    const other = unreadableRecord(source, 'invalid_json', 'record 4: invalid JSON', { line: 4, raw: '{' });
    expect(first.item_id).toMatch(/\S/);
    expect(again.item_id).toBe(first.item_id);
    expect(other.item_id).not.toBe(first.item_id);
    const anonymous = [
      buildItem(source, { title: 't', url: 'notaurl' }, 1),
      buildItem(source, { title: 't', url: 'ftp://x' }, 1),
    ].map((r) => !r.ok && r.deadLetter.item_id);
    expect(new Set(anonymous).size).toBe(2);
  });
});

describe('charset', () => {
  const latin = iconv.encode('<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Café</title></rss>', 'latin1');
  it('follows BOM, then HTTP charset, then the XML prolog', () => {
    expect(detectCharset(latin)).toEqual({ encoding: 'windows-1252', from: 'prolog' }); // WHATWG: ISO-8859-1 means windows-1252
    expect(decodeBody(latin)).toContain('Café');
    expect(decodeBody(iconv.encode('Grüße', 'windows-1252'), 'text/plain; charset=windows-1252')).toBe('Grüße');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('<rss>ü</rss>', 'utf-16le')]);
    expect(decodeBody(utf16, 'application/xml; charset=iso-8859-1')).toBe('<rss>ü</rss>');
  });
  it('does not trust a declared UTF-8 that is not UTF-8 when the prolog says otherwise', () => {
    expect(decodeBody(latin, 'application/rss+xml; charset=utf-8')).toContain('Café');
    expect(decodeBody(Buffer.from('<a>é</a>'), 'text/xml; charset=bogus-charset')).toBe('<a>é</a>');
  });
});

describe('SSRF ranges', () => {
  it('blocks loopback, private, link-local, metadata and mapped addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '100.64.0.1',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::',
    ]) {
      expect(isBlockedAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect(isBlockedAddress(address), address).toBe(false);
  });
});

describe('Link header', () => {
  it('finds rel="next" among several links', () => {
    const value = '<https://api.x/items?page=3>; rel="next", <https://api.x/items?page=9>; rel="last"';
    expect(linkRel(value, 'https://api.x/')).toBe('https://api.x/items?page=3');
    expect(linkRel('</p2>; rel=next', 'https://api.x/items')).toBe('https://api.x/p2');
    expect(linkRel('<https://api.x/p1>; rel="prev"', 'https://api.x/')).toBeUndefined();
  });
});

describe('configuration', () => {
  it('accepts an absent section and names bad keys', () => {
    const defaults = collectorSettingsSchema.parse({});
    expect(defaults).toMatchObject({
      schedule_enabled: false,
      sources: [],
      http: { max_redirects: 5 },
      breaker: { volume_threshold: 5 },
    });
    const result = collectorSettingsSchema.safeParse({
      sources: [
        { id: 'a', kind: 'feed', url: 'ftp://x/' },
        { id: 'a', kind: 'jsonl', path: 'x.jsonl' },
        { id: 'c', kind: 'csv' },
      ],
    });
    expect(result.success).toBe(false);
    const message = formatIssues('collector', result.error!);
    expect(message).toContain('collector.sources.0.url');
  });
  it('reports duplicate ids and missing locations', () => {
    const result = collectorSettingsSchema.safeParse({
      sources: [
        { id: 'a', kind: 'jsonl', path: 'x' },
        { id: 'a', kind: 'csv' },
      ],
    });
    expect(result.success).toBe(false);
    const message = formatIssues('collector', result.error!);
    expect(message).toContain('duplicate source id "a"');
    expect(message).toContain('needs exactly one of "path" or "url"');
  });
});

describe('source definitions from the API', () => {
  const definition = (over: Record<string, unknown>) => ({
    id: 'd1',
    kind: 'rss',
    config_json: '{"url":"https://x.org/feed"}',
    enabled: true,
    priority: 8,
    interval_seconds: 120,
    created_at_ms: 0,
    updated_at_ms: 0,
    ...over,
  });
  it('maps feed aliases and the definition columns onto a validated source', () => {
    const result = definitionToSource(definition({}));
    expect(result.ok && result.source).toMatchObject({
      id: 'd1',
      kind: 'feed',
      url: 'https://x.org/feed',
      priority: 8,
      interval_seconds: 120,
      enabled: true,
    });
    const hn = definitionToSource(
      definition({ kind: 'hacker_news', config_json: '{"list":"new"}', interval_seconds: 0 }),
    );
    expect(hn.ok && hn.source).toMatchObject({ kind: 'hacker_news', list: 'new', interval_seconds: 900 });
  });
  it('rejects bad JSON and bad keys with a message naming them', () => {
    expect(definitionToSource(definition({ config_json: '{' }))).toMatchObject({
      ok: false,
      error: expect.stringContaining('not valid JSON'),
    });
    const typo = definitionToSource(definition({ config_json: '{"url":"https://x.org/f","intreval":3}' }));
    expect(typo).toMatchObject({ ok: false, error: expect.stringContaining('"intreval"') });
  });
  it('lets a definition replace a config source with the same id', () => {
    const config = [
      sourceSchema.parse({ id: 'a', kind: 'feed', url: 'https://x.org/a' }),
      sourceSchema.parse({ id: 'b', kind: 'feed', url: 'https://x.org/b' }),
    ];
    const api = [sourceSchema.parse({ id: 'b', kind: 'feed', url: 'https://x.org/b2' })];
    const merged = mergeSources(config, api);
    expect([...merged].map(([id, { origin }]) => [id, origin])).toEqual([
      ['a', 'config'],
      ['b', 'api'],
    ]);
    expect(merged.get('b')!.source).toMatchObject({ url: 'https://x.org/b2' });
  });
});
