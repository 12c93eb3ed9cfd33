// Applies domain/rate-limits.ts to one update: the sender's counter comes from the preload and is
// written in the update's batch under a check that it is still as read (like the session's
// version), so two updates at once cannot both take the last one, and a batch that rolls back
// (Telegram redelivers) has counted nothing.
import { and, eq, sql } from "drizzle-orm";
import { rateCounters } from "../db/schema.ts";
import { RATE_LIMITS, takeRate, type RateAction } from "../domain/rate-limits.ts";
import type { BotContext } from "./context.ts";
import { beijingTime } from "../lib/format.ts";
import { otherLocale, t, type Locale } from "../lib/i18n.ts";
import { replyHtml } from "./reply.ts";

/** Whether `action` may go ahead now; if not, the person is told (both languages) when to try again. */
export async function allowed(ctx: BotContext, action: RateAction): Promise<boolean> {
  const verdict = takeRate(action, ctx.state.sender.rateCounters[action], ctx.state.unit.now);
  if (verdict.ok) return true;
  const { limit, periodMs } = RATE_LIMITS[action];
  const text = (locale: Locale) =>
    t(locale, "rate-limited", { what: t(locale, `rate-what-${action}`), limit, hours: periodMs / 3_600_000, at: beijingTime(locale, verdict.retryAt) });
  await replyHtml(ctx, `${text(ctx.locale)}\n\n${text(otherLocale(ctx.locale))}`);
  return false;
}

/** Counts one `action` in the update's batch if it may go ahead (see `allowed`); returns whether it may. */
export async function counted(ctx: BotContext, action: RateAction): Promise<boolean> {
  if (!(await allowed(ctx, action))) return false;
  const { unit, sender } = ctx.state;
  const telegramId = ctx.from!.id;
  const read = sender.rateCounters[action];
  const verdict = takeRate(action, read, unit.now);
  if (!verdict.ok) return false;
  const row = and(eq(rateCounters.telegramId, telegramId), eq(rateCounters.action, action));
  unit.expect(
    read
      ? sql`(SELECT count FROM ${rateCounters} WHERE ${row} AND window_start = ${read.windowStart}) = ${read.count}`
      : sql`NOT EXISTS (SELECT 1 FROM ${rateCounters} WHERE ${row})`,
  );
  unit.write(
    unit.db
      .insert(rateCounters)
      .values({ telegramId, action, ...verdict.next })
      .onConflictDoUpdate({ target: [rateCounters.telegramId, rateCounters.action], set: verdict.next }),
  );
  sender.rateCounters[action] = verdict.next;
  return true;
}
