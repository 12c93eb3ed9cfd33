// Telegram's limits, kept on our side so we never earn a 429: overall messages per second, one
// message per second to a private chat, twenty per minute to a group.
export interface PaceLimits {
  globalPerSecond: number;
  privateIntervalMs: number;
  groupPerMinute: number;
}

export const TELEGRAM_PACE: PaceLimits = { globalPerSecond: 25, privateIntervalMs: 1000, groupPerMinute: 20 };

/**
 * Telegram counts when a message arrives, we count when it leaves: a send that takes a little
 * longer than the one 30 messages before it would land inside Telegram's window. The guard
 * widens every window by a little more than such jitter on a good network.
 */
const GUARD_MS = 50;

export class Pacer {
  readonly #global: number[] = [];
  readonly #lastPrivate = new Map<number, number>();
  readonly #group = new Map<number, number[]>();

  readonly limits: PaceLimits;

  constructor(limits: PaceLimits = TELEGRAM_PACE) {
    this.limits = limits;
  }

  /** Milliseconds to wait before a message to `chatId` may go at `now` (0 = now). */
  waitFor(chatId: number, now: number): number {
    const second = 1000 + GUARD_MS;
    const minute = 60_000 + GUARD_MS;
    while (this.#global.length && this.#global[0]! <= now - second) this.#global.shift();
    let wait = this.#global.length >= this.limits.globalPerSecond ? this.#global[0]! + second - now : 0;
    if (chatId > 0) {
      const last = this.#lastPrivate.get(chatId);
      if (last !== undefined) wait = Math.max(wait, last + this.limits.privateIntervalMs + GUARD_MS - now);
    } else {
      const sent = (this.#group.get(chatId) ?? []).filter((at) => at > now - minute);
      this.#group.set(chatId, sent);
      if (sent.length >= this.limits.groupPerMinute) wait = Math.max(wait, sent[0]! + minute - now);
    }
    return Math.max(0, wait);
  }

  record(chatId: number, at: number): void {
    this.#global.push(at);
    if (chatId > 0) this.#lastPrivate.set(chatId, at);
    else this.#group.set(chatId, [...(this.#group.get(chatId) ?? []), at]);
  }
}
