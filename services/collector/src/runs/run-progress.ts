// Counters of one RunSources call (or the scheduler's lifetime), shared by the sources it runs.
export class RunProgressCounter {
  collected = 0;
  acknowledged = 0;
  stored = 0;
  deadLettered = 0;
  sourceErrors = 0;
  sourcesTotal = 0;
  sourcesDone = 0;
  readonly #expected = new Map<string, number>();

  setExpected(sourceId: string, items: number): void {
    this.#expected.set(sourceId, items);
  }

  get expected(): number {
    let total = 0;
    for (const value of this.#expected.values()) total += value;
    return total;
  }

  toMessage(done: boolean) {
    return {
      collected: this.collected,
      acknowledged: this.acknowledged,
      stored: this.stored,
      dead_lettered: this.deadLettered,
      source_errors: this.sourceErrors,
      sources_total: this.sourcesTotal,
      sources_done: this.sourcesDone,
      done,
      expected: Math.max(this.expected, this.collected),
    };
  }
}
