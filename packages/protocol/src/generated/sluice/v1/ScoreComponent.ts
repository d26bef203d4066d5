// Original file: protos/sluice/v1/content.proto


export interface ScoreComponent {
  /**
   * relevance, sentiment, freshness, authority, engagement, novelty, quality
   */
  'name'?: (string);
  /**
   * The component's value, 0..1.
   */
  'value'?: (number | string);
  /**
   * Its weight in the final score.
   */
  'weight'?: (number | string);
  /**
   * Optional detail, e.g. the best-matching interest profile.
   */
  'detail'?: (string);
}

export interface ScoreComponent__Output {
  /**
   * relevance, sentiment, freshness, authority, engagement, novelty, quality
   */
  'name': (string);
  /**
   * The component's value, 0..1.
   */
  'value': (number);
  /**
   * Its weight in the final score.
   */
  'weight': (number);
  /**
   * Optional detail, e.g. the best-matching interest profile.
   */
  'detail': (string);
}
