// Checkpoints advance only over acknowledged chunks: chunks are numbered as they are sent, acks may arrive
// in any order, and the committed checkpoint is the last one of the longest fully acknowledged prefix.
import type { Checkpoint } from '../sources/source-collector.js';

export class CheckpointTracker {
  readonly #checkpoints: Array<Checkpoint | undefined> = [];
  readonly #acked = new Set<number>();
  #prefix = 0; // chunks [0, prefix) are all acknowledged
  #committed: Checkpoint | undefined;
  #dirty = false;

  /** Registers the next chunk; returns its sequence number for `ack`. */
  push(checkpoint: Checkpoint | undefined): number {
    this.#checkpoints.push(checkpoint);
    return this.#checkpoints.length - 1;
  }

  ack(sequence: number): void {
    this.#acked.add(sequence);
    while (this.#acked.has(this.#prefix)) {
      this.#acked.delete(this.#prefix);
      const checkpoint = this.#checkpoints[this.#prefix];
      this.#checkpoints[this.#prefix] = undefined; // free memory of long imports
      if (checkpoint) {
        this.#committed = checkpoint;
        this.#dirty = true;
      }
      this.#prefix += 1;
    }
  }

  /** The latest checkpoint all of whose items are acknowledged (undefined: none yet). */
  get committed(): Checkpoint | undefined {
    return this.#committed;
  }

  /** True once after the committed checkpoint changed (for throttled saves). */
  takeDirty(): boolean {
    const dirty = this.#dirty;
    this.#dirty = false;
    return dirty;
  }

  get allAcknowledged(): boolean {
    return this.#prefix === this.#checkpoints.length;
  }
}
