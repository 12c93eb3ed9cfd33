// "What happens next, and by when" for a case in a given status: one answer for the bot's
// status updates and the public case page.
import type { CaseRow } from "../db/queries/preload.ts";
import { beijingTime } from "../lib/format.ts";
import { t, type Locale } from "../lib/i18n.ts";

export function nextStep(locale: Locale, c: Pick<CaseRow, "status" | "firstResponseDueAt" | "resolutionDueAt" | "meetingAt">, meetingPlace?: string): string {
  switch (c.status) {
    case "received":
    case "assigned":
      return t(locale, "next-acknowledge", { due: beijingTime(locale, c.firstResponseDueAt) });
    case "acknowledged":
    case "in_progress":
      return t(locale, "next-resolve", { due: beijingTime(locale, c.resolutionDueAt) });
    case "meeting_scheduled":
      return c.meetingAt ? t(locale, "next-meeting", { when: beijingTime(locale, c.meetingAt), place: meetingPlace ?? "" }) : t(locale, "next-resolve", { due: beijingTime(locale, c.resolutionDueAt) });
    case "resolved":
      return t(locale, "next-feedback");
    default:
      return t(locale, "next-none");
  }
}
