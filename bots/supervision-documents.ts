// The chat messages around a supervision notice (三书一函): the draft the department signs off, the
// reminder of an unsigned draft, the unit's reply to the department. The document itself, and the
// issued notice to the unit, are bots/notice-document.ts (one model, one renderer per medium). Staff and
// units read Chinese: these go in Chinese to everyone.
import { InlineKeyboard } from "./inline-keyboard.ts";
import type { MessagePayload } from "../db/queries/outbox.ts";
import type { Clock } from "../domain/obligations.ts";
import { SIGN_REMINDER_HOURS } from "../domain/supervision.ts";
import { noticeAction } from "./callback-data.ts";
import { beijingTime } from "../lib/format.ts";
import { raw, t } from "../lib/i18n.ts";
import { noticeTitle } from "./notice-document.ts";

const zhOnly = (payload: MessagePayload) => ({ zh: payload, en: payload });

export const signKeyboard = (noticeId: string) => new InlineKeyboard().text(t("zh", "sv-button-sign"), noticeAction.encode({ action: "sign", noticeId }));

/** To the department: the drafted document (Telegram HTML), with the button that signs it off. */
export function draftPayloads(n: { noticeId: string; level: number; ref: string; unit: string; documentHtml: string }) {
  const text = t("zh", "sv-draft", { level: n.level, title: noticeTitle(n.level), ref: n.ref, unit: n.unit, document: raw(n.documentHtml) });
  return zhOnly({ text, parse_mode: "HTML", reply_markup: signKeyboard(n.noticeId) });
}

/** To the department, once: a draft still unsigned a working day later (an hour, for an obligation on hours). */
export function signReminderPayloads(n: { id: string; level: number; ref: string; unit: string; draftedAt: number; clock: Clock }) {
  const text = t("zh", n.clock === "hours" ? "sv-sign-reminder-hours" : "sv-sign-reminder", { ref: n.ref, title: noticeTitle(n.level), unit: n.unit, drafted: beijingTime("zh", n.draftedAt), hours: SIGN_REMINDER_HOURS });
  return zhOnly({ text, parse_mode: "HTML", reply_markup: signKeyboard(n.id) });
}

/** To the department: the unit's written reply against the notice. */
export function repliedPayloads(n: { ref: string; number: string; level: number; unit: string; by: string; at: number; text: string }) {
  const text = t("zh", "sv-replied", { ref: n.ref, number: n.number, title: noticeTitle(n.level), unit: n.unit, by: n.by, at: beijingTime("zh", n.at), text: n.text });
  return zhOnly({ text, parse_mode: "HTML" });
}
