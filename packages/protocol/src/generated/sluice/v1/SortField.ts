// Original file: protos/sluice/v1/persistence.proto

export const SortField = {
  /**
   * collected, newest first
   */
  SORT_FIELD_UNSPECIFIED: 'SORT_FIELD_UNSPECIFIED',
  SORT_FIELD_SCORE: 'SORT_FIELD_SCORE',
  SORT_FIELD_PUBLISHED: 'SORT_FIELD_PUBLISHED',
  SORT_FIELD_COLLECTED: 'SORT_FIELD_COLLECTED',
} as const;

export type SortField =
  /**
   * collected, newest first
   */
  | 'SORT_FIELD_UNSPECIFIED'
  | 0
  | 'SORT_FIELD_SCORE'
  | 1
  | 'SORT_FIELD_PUBLISHED'
  | 2
  | 'SORT_FIELD_COLLECTED'
  | 3

export type SortField__Output = typeof SortField[keyof typeof SortField]
