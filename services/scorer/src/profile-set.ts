// Interest profiles with their embeddings, as one row-major matrix for batched similarity.
import type { InterestProfile } from './settings.js';
import { toMatrix, unitVector, type Matrix } from './vectors.js';

export interface ProfileSet {
  /** Embedding model the vectors come from (items from another model are not comparable). */
  model: string;
  profiles: InterestProfile[];
  matrix: Matrix;
}

/** Builds the set from one vector per profile (same order); profiles with an unusable vector are dropped. */
export function createProfileSet(
  model: string,
  profiles: InterestProfile[],
  vectors: Array<ArrayLike<number> | undefined>,
): ProfileSet {
  const kept: InterestProfile[] = [];
  const units: Float32Array[] = [];
  profiles.forEach((profile, i) => {
    const unit = vectors[i] ? unitVector(vectors[i]!) : undefined;
    if (unit && (units.length === 0 || unit.length === units[0]!.length)) {
      kept.push(profile);
      units.push(unit);
    }
  });
  return { model, profiles: kept, matrix: toMatrix(units, units[0]?.length ?? 0) };
}
