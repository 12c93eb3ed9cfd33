// How often one Telegram user may do the things that reach other people or fill the ledger.
// Defaults no investor would meet in earnest; they stop a script or a stuck key, not a busy firm.
// A counter's window opens with the first use and lasts its period, so the refusal can say exactly
// when to try again. Pure: the counter is read in the preload and written in the update's batch.

export const RATE_ACTIONS = ["case_filing", "firm_request", "case_message"] as const;
export type RateAction = (typeof RATE_ACTIONS)[number];

export interface RateLimit {
  limit: number;
  periodMs: number;
}

const HOUR = 3_600_000;

export const RATE_LIMITS: Record<RateAction, RateLimit> = {
  /** New cases (meeting requests, appeals, policy questions). */
  case_filing: { limit: 10, periodMs: 24 * HOUR },
  /** Registering a firm or asking to join one: each may notify a specialist or the firm's members. */
  firm_request: { limit: 5, periodMs: 24 * HOUR },
  /** Messages and files added to open cases: each notifies the owner. */
  case_message: { limit: 30, periodMs: HOUR },
};

export interface RateCounter {
  windowStart: number;
  count: number;
}

export type RateVerdict = { ok: true; next: RateCounter } | { ok: false; retryAt: number };

/** Whether one more `action` is allowed at `now`, and the counter after it. */
export function takeRate(action: RateAction, counter: RateCounter | undefined, now: number): RateVerdict {
  const { limit, periodMs } = RATE_LIMITS[action];
  if (!counter || now >= counter.windowStart + periodMs) return { ok: true, next: { windowStart: now, count: 1 } };
  if (counter.count >= limit) return { ok: false, retryAt: counter.windowStart + periodMs };
  return { ok: true, next: { windowStart: counter.windowStart, count: counter.count + 1 } };
}
