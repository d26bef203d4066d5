// Values a hostile client sends, as fast-check arbitraries shared by the property tests of routes, query strings,
// config files and gRPC messages: any UTF-16 (lone surrogates, NUL, bidi overrides), SQL-looking strings, huge and
// non-finite numbers as text, paths, template and log-injection strings, long repetitions.
import fc from 'fast-check';

export const SQL_LOOKING = [
  "' OR '1'='1",
  "'; DROP TABLE items; --",
  '" OR ""="',
  '1; SELECT pg_sleep(10)--',
  "\\'; DELETE FROM api_keys; --",
  "%' UNION SELECT key_hash FROM api_keys --",
  '$$; DROP TABLE items; $$',
  "E'\\x00'",
  "admin'--",
  '1 OR 1=1',
  "') ON CONFLICT DO NOTHING; TRUNCATE items; --",
] as const;

export const HUGE_NUMBERS = [
  '1e309',
  '-1e309',
  '9'.repeat(400),
  '18446744073709551616',
  '9007199254740993',
  '-0',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x7fffffff',
  '1e-400',
  '2147483648',
  '-2147483649',
  '00000000001',
  '1_000',
] as const;

const ODD = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\uFEFF',
  '\r\n',
  '%00',
  '%ff',
  '%',
  '%zz',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${jndi:ldap://127.0.0.1/x}',
  '\u001b[31m',
  'null',
  'undefined',
  '[]',
  '{}',
  '__proto__',
  'constructor',
] as const;

/** Any string a client may send. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 100 }),
  fc.constantFrom(...SQL_LOOKING, ...HUGE_NUMBERS, ...ODD),
  fc
    .tuple(fc.constantFrom(...ODD, ...SQL_LOOKING, 'a'), fc.integer({ min: 100, max: 5000 }))
    .map(([s, n]) => s.repeat(n)),
);

/** Numbers at and beyond every boundary JSON and gRPC care about. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MAX_SAFE_INTEGER + 2,
    -(2 ** 63),
    2 ** 64,
    2 ** 31,
    -(2 ** 31) - 1,
    Number.MIN_VALUE,
    1e308,
    0,
    -0,
  ),
);

/** JSON values made of hostile strings and numbers, with hostile keys, a few levels deep. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(
    fc.oneof(
      hostileString,
      fc.constantFrom(
        'title',
        'url',
        'items',
        'source_id',
        'id',
        'path',
        'config',
        'kind',
        'scopes',
        'name',
        'texts',
        'q',
      ),
    ),
    tie('value'),
    { maxKeys: 6 },
  ),
})).value;

/** A JSON text nested `depth` levels (arrays or objects). */
export function nestedJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}
