// Run counts for property tests (`*.property.test.ts`). `pnpm test` runs each property a few hundred times
// at most (the whole set stays within ~30 s); `pnpm test:fuzz` runs only the property files with
// SLUICE_FUZZ_SCALE set (by test/support/run-fuzz.mjs), multiplying every count.
//
//   fc.assert(fc.property(arb, check), { numRuns: fuzzRuns(200) });

/** Environment variable `pnpm test:fuzz` sets: a positive factor applied to every property's run count. */
export const FUZZ_SCALE_ENV = 'SLUICE_FUZZ_SCALE';

/** The scale in effect: 1 in the normal suite. */
export function fuzzScale(): number {
  const raw = process.env[FUZZ_SCALE_ENV];
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0)
    throw new Error(`${FUZZ_SCALE_ENV} must be a positive number, got ${JSON.stringify(raw)}`);
  return scale;
}

/** The number of runs for a property whose normal-suite count is `normalRuns`. */
export function fuzzRuns(normalRuns: number): number {
  return Math.max(1, Math.round(normalRuns * fuzzScale()));
}

/** Whether this is the long run (`pnpm test:fuzz`): properties may then also try larger inputs. */
export function isLongFuzzRun(): boolean {
  return fuzzScale() > 1;
}
