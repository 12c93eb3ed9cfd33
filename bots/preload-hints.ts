// Reads the ids an update points at, so the preload batch can fetch those rows too.
import type { Update } from "grammy/types";
import { CALENDAR_LOOKBACK_DAYS, CALENDAR_WINDOW_DAYS } from "../db/queries/calendar.ts";
import type { PreloadHints } from "../db/queries/preload.ts";
import { beijingDate } from "../domain/calendar.ts";
import { caseAction, feedbackChoice, formAction, joinDecision, noticeAction, specialistAction } from "./callback-data.ts";

/**
 * Calendar days a decision can touch: back to a case's receipt (an assessment counts an answer's
 * due from it) and forward to the longest due an admin can configure.
 */
function calendarWindow(now: number): { fromDate: string; toDate: string } {
  const day = 86_400_000;
  return { fromDate: beijingDate(now - CALENDAR_LOOKBACK_DAYS * day), toDate: beijingDate(now + CALENDAR_WINDOW_DAYS * day) };
}

export function preloadHints(update: Update, now: number): PreloadHints {
  const data = update.callback_query?.data;
  const calendar = calendarWindow(now);
  if (data && joinDecision.pattern.test(data)) return { firmUscc: joinDecision.unpack(data)[1] };
  if (data && caseAction.pattern.test(data)) return { caseId: caseAction.unpack(data)[1], calendar };
  if (data && specialistAction.pattern.test(data)) return { caseId: specialistAction.unpack(data)[1], calendar };
  if (data && noticeAction.pattern.test(data)) return { noticeId: noticeAction.unpack(data)[1], calendar };
  if (data && feedbackChoice.pattern.test(data)) return { caseId: feedbackChoice.unpack(data)[1], calendar };
  // A form's submit files a case or acts on the case its session names.
  if (data && formAction.pattern.test(data) && formAction.unpack(data)[0] === "ok") return { submit: true, calendar };
  const ref = /^\/(?:status|case)(?:@\w+)?\s+(\S+)/i.exec(update.message?.text ?? "")?.[1];
  if (ref) return { caseRef: ref.toUpperCase() };
  // A typed answer may finish a form, or be a message, a reason or a notice reply for the session's case.
  if (update.message?.text && !update.message.text.startsWith("/")) return { calendar };
  return {};
}
