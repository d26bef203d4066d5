// The scorer's pure building blocks, for benchmarks and other packages (the service is main.ts).
export { COMPONENT_NAMES, FORMULA_VERSION, combine, priorityFromScore } from './formula.js';
export type { Component, ComponentName, ScoreResult } from './formula.js';
export { embedProfiles, embedProfilesWithRetry, remoteSimilarity } from './inference-client.js';
export { NoveltyWindow } from './novelty-window.js';
export { createProfileSet } from './profile-set.js';
export type { ProfileSet } from './profile-set.js';
export { localSimilarity, scoreBatch } from './score-batch.js';
export type { ScoreDeps, SimilarityFn } from './score-batch.js';
export { scorerStage } from './service.js';
export { DEFAULT_PROFILES, scorerSettingsSchema } from './settings.js';
export type { InterestProfile, ScorerSettings, ScoreWeights } from './settings.js';
export { similarityMatrix, toMatrix, unitVector } from './vectors.js';
export type { Matrix } from './vectors.js';
