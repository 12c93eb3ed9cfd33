// The unit of work of one Telegram update: everything it changes is written in ONE batch (one
// round trip, one transaction) together with the mark that the update was processed, and so are
// the replies it decided on, kept with the mark. A redelivered update therefore either finds its
// mark (and sends the kept replies if the first delivery never could) or, racing another
// delivery, fails on the mark's primary key and rolls back whole. Handlers read what they need
// in the preload; a reply that depends on how the batch went is staged under a SQL condition.
import { sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { DbHandle } from "./client.ts";
import { byId, claimDueQuery, isOutboxWrite, REF_PLACEHOLDER, type OutboxRow } from "./queries/outbox.ts";
import { processedUpdates, type KeptReply } from "./schema.ts";

type Item = BatchItem<"sqlite">;

interface StagedReply extends KeptReply {
  /** Kept (and sent) only if this holds once the writes ran. */
  when: SQL | undefined;
}

export interface ReplyOptions {
  /** The longest one reply may take to send (the Bot API timeout): how long a delivery holds its replies. */
  timeoutMs: number;
  /** The chat the replies go to, kept with them so /deleteme finds them. */
  chatId: number | null;
}

/** Due outbox rows the commit claims when it queued some, for the drain after the response to send (claimDueQuery). */
export interface ClaimOptions {
  limit: number;
  leaseMs: number;
}

/** Extra time a delivery holds its replies beyond the sends' own timeouts. */
const REPLY_LEASE_MARGIN_MS = 5_000;

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
  readonly #replies: StagedReply[] = [];
  #when: SQL | undefined;
  readonly #fills: { placeholder: string; value: SQL }[] = [];
  #guarded = false;
  #committing = false;
  #committed = false;
  #enqueued = false;
  #claimed: OutboxRow[] = [];

  readonly handle: DbHandle;
  readonly updateId: number;
  readonly now: number;
  readonly #replyOptions: ReplyOptions;
  readonly #claim: ClaimOptions | undefined;

  constructor(handle: DbHandle, updateId: number, now: number, replies: ReplyOptions = { timeoutMs: 10_000, chatId: null }, claim?: ClaimOptions) {
    this.handle = handle;
    this.updateId = updateId;
    this.now = now;
    this.#replyOptions = replies;
    this.#claim = claim;
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

  /** The due outbox rows the commit claimed (ClaimOptions), in id order: leased to whoever sends them now. */
  get claimed(): OutboxRow[] {
    return this.#claimed;
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

  /** Stages a Bot API call (a reply), kept with the mark and sent after the commit, in order. */
  reply(method: string, payload: Record<string, unknown>): void {
    if (this.#committing) throw new Error(`${method} after the commit: a reply must be staged before it, or a redelivery could not send it`);
    this.#replies.push({ method, payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>, when: this.#when });
  }

  /**
   * Replies staged by `then` are kept only if `condition` holds once the writes ran, those of
   * `otherwise` only if it does not (e.g. "joined" or "that code is not valid").
   */
  async onlyIf(condition: SQL, then: () => unknown, otherwise?: () => unknown): Promise<void> {
    const holds = sql`(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
    await this.#under(sql`${holds} = 1`, then);
    if (otherwise) await this.#under(sql`${holds} = 0`, otherwise);
  }

  async #under(condition: SQL, stage: () => unknown): Promise<void> {
    const outer = this.#when;
    this.#when = outer ? sql`(${outer}) AND ${condition}` : condition;
    try {
      await stage();
    } finally {
      this.#when = outer;
    }
  }

  /** The replies mention this case's ref (REF_PLACEHOLDER), which the batch itself numbers. */
  citeRefOf(caseId: string): void {
    this.fillIn(REF_PLACEHOLDER, sql`(SELECT ref FROM cases WHERE id = ${caseId})`);
  }

  /** `placeholder` in the replies stands for `value`, a scalar the batch knows once its writes ran (a ref, a notice's number). */
  fillIn(placeholder: string, value: SQL): void {
    this.#fills.push({ placeholder, value });
  }

  /**
   * Runs the one batch: the processed mark, the staged writes, then the replies kept with the
   * mark (those whose condition holds), which it returns, to be sent.
   */
  async commit(): Promise<KeptReply[]> {
    if (this.#committing) throw new Error("an update commits once");
    this.#committing = true;
    const staged = this.#replies.length > 0;
    const items: Item[] = [
      this.db.insert(processedUpdates).values({
        updateId: this.updateId,
        processedAt: this.now,
        ...(staged
          ? { replies: [], repliesLeaseUntil: this.now + this.#replies.length * this.#replyOptions.timeoutMs + REPLY_LEASE_MARGIN_MS, repliesChatId: this.#replyOptions.chatId }
          : {}),
      }),
      ...this.#writes,
    ];
    if (this.#guarded) items.push(this.db.run(sql`DELETE FROM tx_guard`));
    // After the rows it queued: the drain after the response sends them without a claim of its own (a round trip saved).
    const claimAt = this.#enqueued && this.#claim ? items.push(claimDueQuery(this.db, this.now, this.#claim.limit, this.#claim.leaseMs)) - 1 : -1;
    if (staged) {
      items.push(...this.#replies.map((r) => this.#keep(r)));
      items.push(this.db.select({ replies: processedUpdates.replies }).from(processedUpdates).where(sql`${processedUpdates.updateId} = ${this.updateId}`));
    }
    try {
      const results = await this.db.batch(items as [Item, ...Item[]]);
      this.#committed = true;
      if (claimAt >= 0) this.#claimed = byId(results[claimAt] as OutboxRow[]);
      if (!staged) return [];
      const [row] = results.at(-1) as { replies: KeptReply[] | null }[];
      return row?.replies ?? [];
    } catch (error) {
      throw classify(error);
    }
  }

  #keep(reply: StagedReply): Item {
    // Each value goes into the JSON text as a string's content: its backslashes and quotes escaped.
    const value = this.#fills.reduce(
      (json, { placeholder, value: filled }) => sql`replace(${json}, ${placeholder}, replace(replace(COALESCE(${filled}, ''), '\', '\\'), '"', '\"'))`,
      sql`${JSON.stringify({ method: reply.method, payload: reply.payload })}`,
    );
    return this.db.run(sql`
      UPDATE processed_updates SET replies = json_insert(COALESCE(replies, '[]'), '$[#]', json(${value}))
       WHERE update_id = ${this.updateId}${reply.when ? sql` AND ${reply.when}` : sql``}`);
  }
}

function classify(error: unknown): unknown {
  const text = `${(error as Error)?.message ?? ""} ${String((error as { cause?: unknown })?.cause ?? "")}`;
  if (/UNIQUE constraint failed: processed_updates\.update_id/.test(text)) return new AlreadyProcessed();
  if (/CHECK constraint failed: tx_guard_ok/.test(text)) return new ConcurrentChange();
  return error;
}
