// Property tests: canonicalUrl is idempotent and insensitive to everything that does not change the content.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '../../../test/support/fuzz-runs.js';
import { canonicalUrl, isTrackingParam } from '../src/canonical-url.js';

const randomCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((upper) => [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));
// Hyphens in positions 3–4 mark an IDNA label (xn--…), which must then be valid punycode: not generated.
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/).filter((l) => l.slice(2, 4) !== '--');
const host = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'org', 'de', 'co.uk', 'example'))
  .map(([labels, tld]) => [...labels, tld].join('.'));
const segment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/),
  fc.constantFrom('ä', 'news', '2024', 'a%20b', 'Ünïcödé'),
);
const paramName = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/).filter((name) => !isTrackingParam(name));
const paramValue = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._~-]{0,10}$/),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('a b', 'x&y', 'é', '1+1', '=', '%'),
);
const trackingName = fc.oneof(
  fc.constantFrom(
    'utm_source',
    'utm_medium',
    'utm_campaign',
    'utm_content',
    'fbclid',
    'gclid',
    'mc_cid',
    'pk_campaign',
    '_hsenc',
  ),
  fc.stringMatching(/^utm_[a-z]{1,8}$/),
);

interface Parts {
  scheme: 'http' | 'https';
  host: string;
  port: '' | 'default' | number;
  path: string[];
  params: Array<[string, string]>;
  tracking: Array<[string, string]>;
  fragment: string;
}

const parts: fc.Arbitrary<Parts> = fc.record({
  scheme: fc.constantFrom('http' as const, 'https' as const),
  host,
  port: fc.oneof(
    fc.constant('' as const),
    fc.constant('default' as const),
    fc.integer({ min: 1, max: 65535 }).filter((p) => p !== 80 && p !== 443),
  ),
  path: fc.array(segment, { maxLength: 4 }),
  // Distinct names: the order of repeated names is meaningful and kept, so reordering is tested on distinct ones.
  params: fc.uniqueArray(fc.tuple(paramName, paramValue), { maxLength: 5, selector: ([name]) => name }),
  tracking: fc.array(fc.tuple(trackingName, paramValue), { maxLength: 3 }),
  fragment: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9-]{1,10}$/)),
});

function build(
  p: Parts,
  options: {
    schemeCase?: string;
    hostCase?: string;
    order?: number[];
    trackingAt?: number[];
    withFragment?: boolean;
    withDefaultPort?: boolean;
  } = {},
): string {
  const port =
    p.port === 'default' || options.withDefaultPort
      ? p.scheme === 'http'
        ? ':80'
        : ':443'
      : p.port === ''
        ? ''
        : `:${p.port}`;
  const params = (options.order ?? p.params.map((_, i) => i)).map((i) => p.params[i]!);
  const all: Array<[string, string]> = [...params];
  p.tracking.forEach((t, i) => all.splice(Math.min(all.length, options.trackingAt?.[i] ?? all.length), 0, t));
  const query = all.length > 0 ? `?${all.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : '';
  const fragment = options.withFragment === false || p.fragment === '' ? '' : `#${p.fragment}`;
  return `${options.schemeCase ?? p.scheme}://${options.hostCase ?? p.host}${port}/${p.path.join('/')}${query}${fragment}`;
}

describe('canonicalUrl properties', () => {
  it('is idempotent and yields a clean absolute URL', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const canonical = canonicalUrl(build(p));
        expect(canonical).not.toBe('');
        expect(canonicalUrl(canonical)).toBe(canonical);
        const url = new URL(canonical);
        expect(url.hash).toBe('');
        expect(url.port === '80' || url.port === '443').toBe(false);
        expect(url.protocol).toBe(`${p.scheme}:`);
        expect(url.hostname).toBe(url.hostname.toLowerCase());
        for (const name of url.searchParams.keys()) expect(isTrackingParam(name)).toBe(false);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('ignores scheme/host case, tracking parameters anywhere, fragments, default ports and parameter order', () => {
    fc.assert(
      fc.property(
        parts.chain((p) =>
          fc.tuple(
            fc.constant(p),
            randomCase(p.scheme),
            randomCase(p.host),
            fc.shuffledSubarray(
              p.params.map((_, i) => i),
              { minLength: p.params.length, maxLength: p.params.length },
            ),
            fc.array(fc.nat({ max: 6 }), { minLength: p.tracking.length, maxLength: p.tracking.length }),
          ),
        ),
        ([p, schemeCase, hostCase, order, trackingAt]) => {
          const plain = canonicalUrl(
            build({ ...p, tracking: [], port: p.port === 'default' ? '' : p.port, fragment: '' }),
          );
          const noisy = canonicalUrl(
            build(p, {
              schemeCase,
              hostCase,
              order,
              trackingAt,
              withDefaultPort: p.port === '' || p.port === 'default',
            }),
          );
          expect(noisy).toBe(plain);
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('keeps every content parameter with its value', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const url = new URL(canonicalUrl(build(p)));
        expect([...url.searchParams].sort()).toEqual([...p.params].sort());
      }),
      { numRuns: fuzzRuns(200) },
    );
  });

  it('never throws, and returns "" or an http(s) URL for any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc.constantFrom('http://', 'https://[::1]:443/', 'HTTP://0x7f.1/', 'http://a..b/'),
        ),
        (input) => {
          const out = canonicalUrl(input);
          expect(out === '' || /^https?:\/\//.test(out)).toBe(true);
        },
      ),
      { numRuns: fuzzRuns(500) },
    );
  });
});
