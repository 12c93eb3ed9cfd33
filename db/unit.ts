// The unit of work of one Telegram update: everything it changes is written in ONE batch (one
// round trip, one transaction) together with the mark that the update was processed. A
// redelivered update therefore either finds its mark and does nothing, or (racing another
// delivery) fails on the mark's primary key and rolls back whole. Reads a handler needs after
// deciding (lists, lookups) ride in the same batch, after the writes.
import { sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { DbHandle } from "./client.ts";
import { isOutboxWrite } from "./queries/outbox.ts";
import { processedUpdates } from "./schema.ts";

type Item = BatchItem<"sqlite">;
type ResultOf<T> = T extends PromiseLike<infer R> ? R : never;
type Results<T extends readonly Item[]> = { [K in keyof T]: ResultOf<T[K]> };

/** Another delivery of the same update won the race: nothing of this one was written. */
export class AlreadyProcessed extends Error {
  override name = "AlreadyProcessed";
}

/** State read before the batch changed underneath (two quick updates of one user): nothing was written. */
export class ConcurrentChange extends Error {
  override name = "ConcurrentChange";
}

export class UpdateUnit {
  readonly #writes: Item[] = [];
  #guarded = false;
  #committing = false;
  #committed = false;
  #enqueued = false;

  readonly handle: DbHandle;
  readonly updateId: number;
  readonly now: number;

  constructor(handle: DbHandle, updateId: number, now: number) {
    this.handle = handle;
    this.updateId = updateId;
    this.now = now;
  }

  get db() {
    return this.handle.db;
  }

  /** The batch ran and succeeded. */
  get committed(): boolean {
    return this.#committed;
  }

  /** Whether the commit added outbox rows (messages to other people). */
  get enqueued(): boolean {
    return this.#enqueued;
  }

  /** Stages writes for the commit batch, in order. */
  write(...items: Item[]): void {
    if (this.#committing) throw new Error("write after commit");
    if (items.some((item) => isOutboxWrite(item))) this.#enqueued = true;
    this.#writes.push(...items);
  }

  /**
   * Stages a condition that must still hold when the batch runs (e.g. a session version read
   * earlier); if it does not, the whole batch rolls back and commit throws ConcurrentChange.
   */
  expect(condition: SQL): void {
    this.#guarded = true;
    this.write(this.db.run(sql`INSERT INTO tx_guard (ok) SELECT CASE WHEN ${condition} THEN 1 ELSE 0 END`));
  }

  /** Runs the one batch: the processed mark, the staged writes, then `reads`, whose results it returns. */
  async commit<const R extends readonly Item[]>(...reads: R): Promise<Results<R>> {
    if (this.#committing) throw new Error("an update commits once");
    this.#committing = true;
    const items: Item[] = [
      this.db.insert(processedUpdates).values({ updateId: this.updateId, processedAt: this.now }),
      ...this.#writes,
    ];
    if (this.#guarded) items.push(this.db.run(sql`DELETE FROM tx_guard`));
    items.push(...reads);
    try {
      const results = await this.db.batch(items as [Item, ...Item[]]);
      this.#committed = true;
      return results.slice(items.length - reads.length) as unknown as Results<R>;
    } catch (error) {
      throw classify(error);
    }
  }
}

function classify(error: unknown): unknown {
  const text = `${(error as Error)?.message ?? ""} ${String((error as { cause?: unknown })?.cause ?? "")}`;
  if (/UNIQUE constraint failed: processed_updates\.update_id/.test(text)) return new AlreadyProcessed();
  if (/CHECK constraint failed: tx_guard_ok/.test(text)) return new ConcurrentChange();
  return error;
}
