// One Telegram update, end to end: preload (round trip 1), the bot's middleware (no I/O of its
// own), the commit batch with the replies it staged and, if it queued messages, the claim of due
// outbox rows (round trip 2), then those replies. A
// redelivery of an update whose replies are still kept sends them instead (see db/unit.ts).
import { BotError, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import { openDbFor } from "../db/client.ts";
import { takeOverReplies } from "../db/queries/kept-replies.ts";
import { preloadSender } from "../db/queries/preload.ts";
import type { KeptReply } from "../db/schema.ts";
import { AlreadyProcessed, ConcurrentChange, UpdateUnit } from "../db/unit.ts";
import { LEASE_MS, type OutboxRow } from "./outbox/claim.ts";
import { AFTER_UPDATE } from "./outbox/drain.ts";
import type { Settings } from "../lib/settings.ts";
import { logError } from "../lib/log.ts";
import { botFor, runBot } from "../bots/bot.ts";
import { bilingual } from "../lib/i18n.ts";
import { preloadHints } from "../bots/preload-hints.ts";

export type UpdateOutcome = "processed" | "duplicate" | "resent" | "handler_error";

export interface UpdateReport {
  outcome: UpdateOutcome;
  kind: string;
  roundTrips: number;
  replies: number;
  /** The update queued messages for other people: drain the outbox now rather than at the next tick. */
  enqueued: boolean;
  /** Due outbox rows its commit claimed (those it queued first), leased for the drain after the response to send. */
  claimed: OutboxRow[];
  /** Replies were kept with the mark and have been sent: let them go after the response (releaseReplies). */
  keptReplies: boolean;
}

/** Thrown when the update could not be stored: the webhook answers 5xx and Telegram redelivers. */
export class RetryLater extends Error {
  override name = "RetryLater";
}

export function updateKind(update: Update): string {
  return Object.keys(update).find((k) => k !== "update_id") ?? "unknown";
}

function senderOf(update: Update): { id: number; chatId?: number } | undefined {
  const from =
    update.message?.from ??
    update.edited_message?.from ??
    update.callback_query?.from ??
    update.my_chat_member?.from ??
    update.chat_member?.from;
  if (!from) return undefined;
  const chatId = update.message?.chat.id ?? update.callback_query?.message?.chat.id ?? update.my_chat_member?.chat.id;
  return chatId === undefined ? { id: from.id } : { id: from.id, chatId };
}

export async function handleUpdate(update: Update, settings: Settings, now: number): Promise<UpdateReport> {
  const handle = openDbFor(settings);
  const kind = updateKind(update);
  const replyTimeoutMs = settings.TELEGRAM_TIMEOUT_SECONDS * 1000;
  let unit: UpdateUnit | undefined;
  const report = (outcome: UpdateOutcome, replies: number, keptReplies = false): UpdateReport => ({
    outcome,
    kind,
    roundTrips: handle.roundTrips(),
    replies,
    enqueued: unit?.committed === true && unit.enqueued,
    claimed: unit?.committed === true ? unit.claimed : [],
    keptReplies,
  });
  const sender = senderOf(update);
  try {
    const preloaded = await preloadSender(handle, update.update_id, sender?.id, await preloadHints(update, now));
    if (preloaded.alreadyProcessed) {
      const kept = preloaded.keptReplies;
      if (!kept) return report("duplicate", 0);
      // The first delivery committed but may not have sent its replies (its answer was lost, or it died).
      if (kept.heldUntil > now) throw new RetryLater("the first delivery may still be sending its replies");
      const taken = await takeOverReplies(handle, update.update_id, kept.heldUntil, now + kept.replies.length * replyTimeoutMs + replyTimeoutMs);
      if (!taken) throw new RetryLater("another delivery took the replies over");
      return report("resent", await sendAll(settings, taken, update.update_id), true);
    }

    unit = new UpdateUnit(handle, update.update_id, now, { timeoutMs: replyTimeoutMs, chatId: sender?.chatId ?? sender?.id ?? null }, { limit: AFTER_UPDATE.limit, leaseMs: LEASE_MS });
    let outcome: UpdateOutcome = "processed";
    let replies: KeptReply[];
    try {
      await runBot(settings, update, { unit, sender: preloaded, settings });
      replies = await unit.commit();
    } catch (thrown) {
      // grammY wraps what middleware throws; the database's verdicts pass through unchanged.
      const error = thrown instanceof BotError ? thrown.error : thrown;
      if (error instanceof AlreadyProcessed || error instanceof ConcurrentChange || isUnavailable(error) || unit.committed) throw error;
      // A bug in a handler: record the update as seen (so Telegram stops redelivering it) and
      // tell the person, instead of failing silently or looping.
      logError("handler_failed", error, { update_id: update.update_id, kind });
      outcome = "handler_error";
      unit = new UpdateUnit(handle, update.update_id, now, { timeoutMs: replyTimeoutMs, chatId: sender?.chatId ?? sender?.id ?? null });
      if (sender?.chatId) unit.reply("sendMessage", { chat_id: sender.chatId, text: bilingual(preloaded.user?.locale ?? "zh", "error-internal") });
      replies = await unit.commit();
    }
    return report(outcome, await sendAll(settings, replies, update.update_id), replies.length > 0);
  } catch (error) {
    if (error instanceof RetryLater) throw error;
    if (error instanceof AlreadyProcessed) return report("duplicate", 0);
    if (error instanceof ConcurrentChange) throw new RetryLater("state changed while handling; redeliver");
    throw new RetryLater(`database unavailable: ${(error as Error).message}`);
  }
}

/** The database could not be reached or was busy (as opposed to refusing a statement): Telegram should redeliver. */
function isUnavailable(error: unknown): boolean {
  const text = `${(error as Error)?.name} ${(error as Error)?.message} ${String((error as { cause?: unknown })?.cause ?? "")}`;
  if (/SQLITE_BUSY|database is locked/.test(text)) return true;
  return /fetch failed|ECONNREFUSED|network|connect|HttpServerError|SERVER_ERROR|timed? ?out/i.test(text) && !/SQLITE_/.test(text);
}

/** Sends the replies in order. The effects are committed, so a failed reply is logged, not retried by Telegram. */
async function sendAll(settings: Settings, replies: KeptReply[], updateId: number): Promise<number> {
  const api = botFor(settings).api;
  let sent = 0;
  for (const reply of replies) {
    try {
      await api.raw[reply.method as "sendMessage"](reply.payload as never);
      sent += 1;
    } catch (error) {
      const code = error instanceof GrammyError ? error.error_code : undefined;
      logError("reply_failed", error, { update_id: updateId, method: reply.method, telegram_code: code });
    }
  }
  return sent;
}
