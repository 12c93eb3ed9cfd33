// Dates as people in Hainan read them: always Beijing time (UTC+8), whatever the runtime's zone.
import type { SlaPolicy } from "../domain/sla.ts";
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

