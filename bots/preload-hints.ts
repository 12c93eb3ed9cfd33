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
  if (data) {
    const join = joinDecision.decode(data);
    if (join) return { firmUscc: join.uscc };
    const caseId = caseAction.decode(data)?.caseId ?? specialistAction.decode(data)?.caseId ?? feedbackChoice.decode(data)?.caseId;
    if (caseId) return { caseId, calendar };
    const notice = noticeAction.decode(data);
    if (notice) return { noticeId: notice.noticeId, calendar };
    // A form's submit files a case or acts on the case its session names.
    if (formAction.decode(data)?.action === "submit") return { submit: true, calendar };
  }
  const ref = /^\/(?:status|case)(?:@\w+)?\s+(\S+)/i.exec(update.message?.text ?? "")?.[1];
  if (ref) return { caseRef: ref.toUpperCase() };
  return {};
}
