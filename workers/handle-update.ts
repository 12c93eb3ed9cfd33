// One Telegram update, end to end: preload (round trip 1), the bot's middleware (no I/O of its
// own), the commit batch (round trip 2), then the replies it queued.
import { BotError, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import { openDbFor } from "../db/client.ts";
import { preloadSender } from "../db/queries/preload.ts";
import { AlreadyProcessed, ConcurrentChange, UpdateUnit } from "../db/unit.ts";
import type { Settings } from "../lib/settings.ts";
import { logError } from "../lib/log.ts";
import { botFor, runBot, type DeferredCall } from "../bots/bot.ts";
import { bilingual } from "../lib/i18n.ts";
import { preloadHints } from "../bots/preload-hints.ts";

export type UpdateOutcome = "processed" | "duplicate" | "handler_error";

export interface UpdateReport {
  outcome: UpdateOutcome;
  kind: string;
  roundTrips: number;
  replies: number;
  /** The update queued messages for other people: drain the outbox now rather than at the next tick. */
  enqueued: boolean;
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
  let unit: UpdateUnit | undefined;
  const report = (outcome: UpdateOutcome, replies: number): UpdateReport => ({
    outcome,
    kind,
    roundTrips: handle.roundTrips(),
    replies,
    enqueued: unit?.committed === true && unit.enqueued,
  });
  const sender = senderOf(update);
  try {
    const preloaded = await preloadSender(handle, update.update_id, sender?.id, preloadHints(update, now));
    if (preloaded.alreadyProcessed) return report("duplicate", 0);

    unit = new UpdateUnit(handle, update.update_id, now);
    let deferred: DeferredCall[];
    let outcome: UpdateOutcome = "processed";
    try {
      deferred = await runBot(settings, update, { unit, sender: preloaded, settings });
    } catch (thrown) {
      // grammY wraps what middleware throws; the database's verdicts pass through unchanged.
      const error = thrown instanceof BotError ? thrown.error : thrown;
      if (error instanceof AlreadyProcessed || error instanceof ConcurrentChange || isUnavailable(error)) throw error;
      // A bug in a handler: record the update as seen (so Telegram stops redelivering it) and
      // tell the person, instead of failing silently or looping.
      logError("handler_failed", error, { update_id: update.update_id, kind });
      outcome = "handler_error";
      deferred = sender?.chatId ? [internalErrorReply(settings, sender.chatId, preloaded.user?.locale ?? "zh")] : [];
      if (unit.committed) return report(outcome, 0);
      const fresh = new UpdateUnit(handle, update.update_id, now);
      await fresh.commit();
      return report(outcome, await sendAll(deferred, update.update_id));
    }
    if (!unit.committed) await unit.commit();
    return report(outcome, await sendAll(deferred, update.update_id));
  } catch (error) {
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

function internalErrorReply(settings: Settings, chatId: number, locale: "zh" | "en"): DeferredCall {
  return () => botFor(settings).api.sendMessage(chatId, bilingual(locale, "error-internal"));
}

/** Sends the queued replies in order. The effects are committed, so a failed reply is logged, not retried by Telegram. */
async function sendAll(calls: DeferredCall[], updateId: number): Promise<number> {
  let sent = 0;
  for (const call of calls) {
    try {
      await call();
      sent += 1;
    } catch (error) {
      const code = error instanceof GrammyError ? error.error_code : undefined;
      logError("reply_failed", error, { update_id: updateId, telegram_code: code });
    }
  }
  return sent;
}
