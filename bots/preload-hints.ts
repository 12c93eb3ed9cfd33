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
  if (data && joinDecision.pattern.test(data)) return { firmUscc: joinDecision.unpack(data)[1] };
  if (data && caseAction.pattern.test(data)) return { caseId: caseAction.unpack(data)[1] };
  if (data && specialistAction.pattern.test(data)) return { caseId: specialistAction.unpack(data)[1] };
  // Feedback may reopen the case, which needs the calendar for its new deadline.
  if (data && feedbackChoice.pattern.test(data)) return { caseId: feedbackChoice.unpack(data)[1], submit: submitWindow(now) };
  if (data && formAction.pattern.test(data) && formAction.unpack(data)[0] === "ok") return { submit: submitWindow(now) };
  const ref = /^\/(?:status|case)(?:@\w+)?\s+(\S+)/i.exec(update.message?.text ?? "")?.[1];
  if (ref) return { caseRef: ref.toUpperCase() };
  return {};
}
