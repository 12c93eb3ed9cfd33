// Runs a case command for one update: the case module decides (domain/case-rules.ts), its notices
// are put in words (case-notices.ts), and the change is staged in the update's one batch
// (db/case-writes.ts) under a version guard. A refusal is answered in the reader's language.
import { sql, type SQL } from "drizzle-orm";
import { decisionWrites, type Actor as LedgerActor } from "../db/case-writes.ts";
import { policyFor } from "../db/queries/calendar.ts";
import { caseSnapshot } from "../db/case-snapshot.ts";
import type { CaseRow, Sender } from "../db/queries/preload.ts";
import { makeCalendar, type WorkCalendar } from "../domain/calendar.ts";
import { decide, type Accepted, type Actor, type CaseSnapshot, type Command, type Refused, type RuleContext } from "../domain/case-rules.ts";
import { CASE_KINDS, type CaseKind } from "../domain/vocabulary.ts";
import { caseLink, existingCaseToken } from "../lib/case-token.ts";
import { logEvent } from "../lib/log.ts";
import type { Settings } from "../lib/settings.ts";
import { renderNotices } from "./case-notices.ts";
import type { BotContext } from "./context.ts";
import { beijingTime, dueText } from "../lib/format.ts";
import { t, type Locale } from "../lib/i18n.ts";
import { replyHtml } from "./reply.ts";

/** The case the update points at, as the rules see it. */
export function caseSnapshotOf(sender: Sender): CaseSnapshot | undefined {
  return sender.case && caseSnapshot(sender.case, sender.caseOwnerUnit?.id ?? null, sender.obligations, sender.coHandlers);
}

export function calendarOf(sender: Sender): WorkCalendar {
  return makeCalendar(sender.calendar?.days ?? [], sender.calendar?.years ?? []);
}

export function rulesOf(ctx: BotContext): RuleContext {
  const stored = ctx.state.sender.calendar?.policies ?? [];
  const policies = Object.fromEntries(CASE_KINDS.map((kind) => [kind, policyFor(kind, stored)])) as RuleContext["policies"];
  return { now: ctx.state.unit.now, calendar: calendarOf(ctx.state.sender), policies };
}

/** The sender as staff when they are a registered specialist, else as an investor. */
export function actorOf(ctx: BotContext): Actor {
  const me = ctx.state.sender.specialist;
  if (me) return { type: "specialist", id: me.id, role: me.role, unitId: me.unitId };
  return investorActor(ctx);
}

/**
 * The sender as a member of their firms (the investor's own features): verified memberships, and a
 * claim awaiting verification for the case the sender filed themselves.
 */
export function investorActor(ctx: BotContext): Actor {
  const filedIt = ctx.state.sender.case?.createdBy === ctx.from!.id;
  const firms = ctx.state.sender.memberships
    .filter((m) => m.membership.status === "active" || (filedIt && m.membership.status === "unverified"))
    .map((m) => m.firm.id);
  return { type: "investor", telegramId: ctx.from!.id, activeFirmIds: firms };
}

export function ledgerActor(actor: Actor): LedgerActor {
  if (actor.type === "investor") return { type: "investor", id: String(actor.telegramId) };
  if (actor.type === "specialist") return { type: "specialist", id: actor.id };
  return { type: "system", id: null };
}

/** A refusal in words: the reason names the rule; dates read as dates. */
export function refusalText(locale: Locale, refused: Refused, ref: string, calendar: WorkCalendar): string {
  const args: Record<string, string | number> = { ref };
  for (const [key, value] of Object.entries(refused.args)) {
    if (key === "obligation") args[key] = t(locale, `obligation-${value}`);
    else if (key === "due" && typeof value === "number") args[key] = dueText(locale, value, calendar);
    else args[key] = value;
  }
  return t(locale, `refusal-${refused.reason}`, args);
}

/**
 * Decides `command` on the update's case as `actor`; stages the change and its notices, or
 * answers the refusal. Returns the accepted decision (for the caller's confirmation). `when` adds a
 * condition of the batch's state (a file kept under the limit) to every statement of the change.
 */
export async function runCaseCommand(ctx: BotContext, command: Command, actor: Actor = actorOf(ctx), when?: SQL): Promise<Accepted | undefined> {
  const { unit, sender, settings } = ctx.state;
  const c = sender.case;
  const snapshot = caseSnapshotOf(sender);
  if (!c || !snapshot) throw new Error("a case command without its case");
  const rules = rulesOf(ctx);
  const decision = decide(snapshot, command, actor, rules);
  if (!decision.ok) {
    await replyHtml(ctx, refusalText(ctx.locale, decision, c.ref, rules.calendar));
    return undefined;
  }
  const ownerUnit =
    decision.patch.ownerId === undefined
      ? sender.caseOwnerUnit
      : decision.patch.ownerId === sender.specialist?.id
        ? sender.specialistUnit
        : decision.patch.ownerId === c.pendingOwnerId
          ? sender.pendingOwnerUnit
          : undefined;
  const notices = renderNotices(
    decision.notices,
    {
      id: c.id,
      ref: c.ref,
      kind: (decision.patch.kind ?? c.kind) as CaseKind,
      firmId: c.firmId,
      ownerId: decision.patch.ownerId === undefined ? c.ownerId : decision.patch.ownerId,
      unit: ownerUnit ? { zh: ownerUnit.nameZh, en: ownerUnit.nameEn } : null,
      link: await linkOf(settings, c),
      calendar: rules.calendar,
      ...(actor.type === "investor" ? { about: actor.telegramId } : {}),
    },
    decision.status,
    `${command.action}:${unit.updateId}`,
  );
  unit.expect(sql`(SELECT version FROM cases WHERE id = ${c.id}) = ${c.version}`);
  unit.write(...decisionWrites(unit.db, { current: c, decision, actor: ledgerActor(actor), now: unit.now, all: snapshot.obligations, notices, ...(when ? { when } : {}) }));
  return decision;
}

/** The case's page link; when no key at hand made it (an old key dropped too soon), the command that shows the case. */
async function linkOf(settings: Settings, c: CaseRow): Promise<string> {
  const token = await existingCaseToken(settings, c);
  if (token) return caseLink(settings, token);
  logEvent("case_link_key_missing", { case_id: c.id });
  return `/status ${c.ref}`;
}

/** A due as staff read it (Chinese, with the time). */
export function staffDue(dueAt: number): string {
  return beijingTime("zh", dueAt);
}
