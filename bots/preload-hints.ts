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
import { CASE_FORMS } from "./forms/definitions.ts";
import { SPECIALIST_FORMS } from "./forms/specialist-forms.ts";

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

/**
 * What a form's submit reads, by the form its button names (bots/features/intake.ts submits only when
 * the session's form is that one): a new case's routing, a specialist's step on the session's case with
 * the specialist the form may name, a recorded case's facts, or a firm's registration by the drafted code.
 */
function submitHints(form: string): PreloadHints {
  if ((CASE_FORMS as readonly string[]).includes(form)) return { submit: "case" };
  if (form in SPECIALIST_FORMS) return { submit: "specialist", fromSession: { case: true } };
  if (form === "record") return { submit: "record" };
  if (form === "firm") return { submit: "firm", fromSession: { firm: true } };
  return {};
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
    const form = formAction.decode(data);
    if (form?.action === "submit") return { ...submitHints(form.form), calendar };
    // Choose, Skip, Back, Cancel move the form in the session; the firm form tells at once if the drafted code is registered.
    if (form) return { fromSession: { firm: true } };
    // Any other button (the menu, language, privacy, erasure) reads only the sender.
    return {};
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
  const message = update.message;
  // A command never continues a conversation (bots/routing.ts routes only text without "/"), and no
  // command's handler reads what the session points at: it starts afresh or names what it is about.
  // Nor does anything outside a private chat, or any other kind of update.
  if (!message || message.chat.type !== "private" || message.text?.startsWith("/")) return {};
  // A typed message or a file continues the sender's conversation: a form (its firm code), a case's
  // reason or message or comment, or a unit's reply to a notice.
  const fromSession = { case: true, firm: true, notice: true };
  // A typed firm code (the registration form's question): say at once if the firm is registered.
  const text = message.text;
  if (text && text.length <= 40 && validateUscc(text).ok) return { firmUscc: normaliseUscc(text), fromSession };
  return { fromSession };
}
