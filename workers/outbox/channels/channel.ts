// One sending interface, one implementation per channel (telegram.ts, portal.ts, robots.ts): each
// owns its formatting, its pace and what its vendor's errors mean. The sender (../sender.ts) keeps
// each recipient's order and records the outcomes whatever the channel.
import type { OutboxRow } from "../claim.ts";

export interface Channel {
  /** Milliseconds before this row may leave (0: now), by the channel's limits; `clock` is the real clock. */
  waitFor(row: OutboxRow, clock: number): number;
  /** Sends the row; throws a Refusal (or the vendor client's own error) when it did not go. `at` stamps the drain's timeline. */
  send(row: OutboxRow, clock: number, at: number): Promise<void>;
}

/** What a channel's vendor answered, in the outbox's terms. */
export class Refusal extends Error {
  readonly verdict: "retry" | "give_up";
  /** A vendor's own wait (a throttled robot): not a failed attempt. */
  readonly afterMs: number | undefined;
  /** Of a message sent in parts, how many the vendor took before refusing one (the retry sends the rest). */
  readonly deliveredParts: number | undefined;

  constructor(verdict: "retry" | "give_up", message: string, afterMs?: number, deliveredParts?: number) {
    super(message);
    this.name = "Refusal";
    this.verdict = verdict;
    this.afterMs = afterMs;
    this.deliveredParts = deliveredParts;
  }
}

/**
 * The key that orders a row: its recipient within its channel; the portal's events (its one
 * endpoint) per case, so one case's retried event does not hold back every other case's.
 */
export const recipientOf = (row: Pick<OutboxRow, "channel" | "chatId" | "caseId">) => (row.channel === "portal" ? `portal:${row.caseId}` : `${row.channel}:${row.chatId}`);
