// Reads the ids an update points at, and what its answer will show, so the preload batch can
// fetch those rows too.
import type { Update } from "grammy/types";
import { CALENDAR_LOOKBACK_DAYS, CALENDAR_WINDOW_DAYS } from "../db/queries/calendar.ts";
import type { PreloadHints } from "../db/queries/preload.ts";
import { normaliseInviteCode } from "../db/queries/specialists.ts";
import { beijingDate } from "../domain/calendar.ts";
import { normaliseUscc, validateUscc } from "../domain/uscc.ts";
import { sha256Hex } from "../lib/crypto.ts";
import { caseAction, claimDecision, feedbackChoice, formAction, joinDecision, menuChoice, noticeAction, specialistAction } from "./callback-data.ts";

/**
 * Calendar days a decision can touch: back to a case's receipt (an assessment counts an answer's
 * due from it) and forward to the longest due an admin can configure.
 */
function calendarWindow(now: number): { fromDate: string; toDate: string } {
  const day = 86_400_000;
  return { fromDate: beijingDate(now - CALENDAR_LOOKBACK_DAYS * day), toDate: beijingDate(now + CALENDAR_WINDOW_DAYS * day) };
}

/** The command a private message starts with (without the bot's name) and what follows it. */
function command(update: Update): { name: string; rest: string } | undefined {
  const match = /^\/([a-z]+)(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(update.message?.text ?? "");
  return match ? { name: match[1]!.toLowerCase(), rest: (match[2] ?? "").trim() } : undefined;
}

export async function preloadHints(update: Update, now: number): Promise<PreloadHints> {
  const data = update.callback_query?.data;
  const calendar = calendarWindow(now);
  if (data) {
    if (menuChoice.decode(data) === "cases") return { firmCases: true };
    const firmUscc = joinDecision.decode(data)?.uscc ?? claimDecision.decode(data)?.uscc;
    if (firmUscc) return { firmUscc };
    const caseId = caseAction.decode(data)?.caseId ?? specialistAction.decode(data)?.caseId ?? feedbackChoice.decode(data)?.caseId;
    if (caseId) return { caseId, calendar };
    const notice = noticeAction.decode(data);
    if (notice) return { noticeId: notice.noticeId, calendar };
    // A form's submit files a case or acts on the case its session names.
    if (formAction.decode(data)?.action === "submit") return { submit: true, calendar };
  }
  const cmd = command(update);
  const ref = cmd?.rest.split(/\s+/)[0]?.toUpperCase();
  if (ref && cmd?.name === "status") return { caseRef: ref, caseEvents: true };
  if (ref && cmd?.name === "case") return { caseRef: ref, caseFirm: true };
  if (cmd?.name === "mine") return { mine: true };
  if (cmd?.name === "cases") return { firmCases: true };
  if (cmd?.name === "privacy") return { filedCount: true };
  const invite = cmd?.name === "join" ? normaliseInviteCode(cmd.rest) : "";
  if (invite.length >= 8) return { inviteHash: await sha256Hex(invite) };
  // A typed firm code (the registration form's question): say at once if the firm is registered.
  const text = update.message?.text;
  if (text && !text.startsWith("/") && text.length <= 40 && validateUscc(text).ok) return { firmUscc: normaliseUscc(text) };
  return {};
}
