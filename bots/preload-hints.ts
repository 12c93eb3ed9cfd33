// Reads the ids an update points at, so the preload batch can fetch those rows too.
import type { Update } from "grammy/types";
import { CALENDAR_WINDOW_DAYS } from "../db/queries/calendar.ts";
import type { PreloadHints } from "../db/queries/preload.ts";
import { beijingDate } from "../domain/calendar.ts";
import { caseAction, feedbackChoice, formAction, joinDecision, specialistAction } from "./callback-data.ts";

/** Calendar days a new case's deadlines can reach: from the day before receipt (Beijing) onwards. */
function submitWindow(now: number): { fromDate: string; toDate: string } {
  const day = 86_400_000;
  return { fromDate: beijingDate(now - day), toDate: beijingDate(now + CALENDAR_WINDOW_DAYS * day) };
}

export function preloadHints(update: Update, now: number): PreloadHints {
  const data = update.callback_query?.data;
  if (data) {
    const join = joinDecision.decode(data);
    if (join) return { firmUscc: join.uscc };
    const caseId = caseAction.decode(data)?.caseId ?? specialistAction.decode(data)?.caseId;
    if (caseId) return { caseId };
    // Feedback may reopen the case, which needs the calendar for its new deadline.
    const feedback = feedbackChoice.decode(data);
    if (feedback) return { caseId: feedback.caseId, submit: submitWindow(now) };
    if (formAction.decode(data)?.action === "submit") return { submit: submitWindow(now) };
  }
  const ref = /^\/(?:status|case)(?:@\w+)?\s+(\S+)/i.exec(update.message?.text ?? "")?.[1];
  if (ref) return { caseRef: ref.toUpperCase() };
  return {};
}
