// Dates as people in Hainan read them: always Beijing time (UTC+8), whatever the runtime's zone.
import { beijingDate, type WorkCalendar } from "../domain/calendar.ts";
import type { SlaPolicy } from "../domain/obligations.ts";
import { t, type Locale } from "./i18n.ts";

const formats = new Map<Locale, Intl.DateTimeFormat>();

function formatter(locale: Locale): Intl.DateTimeFormat {
  let f = formats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "long",
      day: "numeric",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formats.set(locale, f);
  }
  return f;
}

/** e.g. "2026年2月28日周六 23:59（北京时间，UTC+8）" / "Sat 28 February 2026, 23:59 (Beijing time, UTC+8)". */
export function beijingTime(locale: Locale, instant: number): string {
  return t(locale, "due-at", { date: formatter(locale).format(new Date(instant)) });
}

/** The rule of a kind's deadline, in words (also served by /api/deadline). */
export function deadlineRuleText(locale: Locale, policy: SlaPolicy): string {
  return t(locale, `deadline-rule-${policy.kind}`, { days: policy.resolutionWorkingDays, hours: policy.firstResponseHours ?? 0 });
}


const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

function dateParts(locale: Locale, instant: number): { date: string; weekday: string } {
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: locale === "zh" ? "numeric" : "short",
      day: "numeric",
      weekday: locale === "zh" ? "long" : "short",
    });
    dateFormats.set(locale, f);
  }
  const parts = f.formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const date = locale === "zh" ? `${part("year")}年${part("month")}月${part("day")}日` : `${part("day")} ${part("month")} ${part("year")}`;
  return { date, weekday: part("weekday") };
}

/**
 * A working-day due as investors read it: the date, never 23:59, and whether that day is an
 * official make-up working day (「2026年2月28日（星期六，调休工作日）」 / "Sat 28 Feb 2026, an official make-up working day").
 */
export function dueText(locale: Locale, dueAt: number, calendar: WorkCalendar): string {
  const { date, weekday } = dateParts(locale, dueAt);
  const makeUp = calendar.workdays.has(beijingDate(dueAt));
  return t(locale, makeUp ? "due-date-makeup" : "due-date", { date, weekday });
}
