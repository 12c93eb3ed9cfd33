// What a specialist does to a case: each action checks the actor's role, asks the lifecycle
// whether the move is legal, stages the change with its ledger event, and tells the firm.
import { sql } from "drizzle-orm";
import { cases } from "../db/schema.ts";
import { enqueueForRecipients } from "../db/queries/outbox.ts";
import type { CaseRow } from "../db/queries/preload.ts";
import { beijingDate, instantOfBeijing, isWorkingDay, makeCalendar } from "../domain/calendar.ts";
import { transition, type CaseAction } from "../domain/lifecycle.ts";
import { caseLink, existingCaseToken } from "../lib/case-token.ts";
import { stageCaseChange, stageCaseEvent } from "./case-change.ts";
import type { BotContext } from "./context.ts";
import type { Draft } from "./forms/engine.ts";
import { beijingTime } from "../lib/format.ts";
import { logEvent } from "../lib/log.ts";
import type { Settings } from "../lib/settings.ts";
import { t, type Locale } from "../lib/i18n.ts";
import { enqueueStatusUpdate, surveyPayloads, type StatusFacts } from "./notices.ts";
import { firmMembers, specialist } from "../db/queries/audiences.ts";
import { replyHtml } from "./reply.ts";
import type { SpecialistActionCode } from "./callback-data.ts";
import { acceptTransferKeyboard, ownerKeyboard } from "./specialist-keyboards.ts";

const LIFECYCLE_ACTION: Record<Exclude<SpecialistActionCode, "delegate" | "transfer">, CaseAction> = {
  ack: "acknowledge",
  reply: "reply",
  info: "request_info",
  meet: "schedule_meeting",
  resolve: "resolve",
  accept: "accept_transfer",
};

/** Owner, unit head of the owner's unit, the business-environment department and admins; accepting is for the proposed new owner. */
export function mayAct(ctx: BotContext, c: CaseRow, action: SpecialistActionCode): boolean {
  const me = ctx.state.sender.specialist;
  if (!me) return false;
  if (action === "accept") return c.pendingOwnerId === me.id;
  if (me.role === "bizenv" || me.role === "admin") return true;
  if (c.ownerId === me.id) return true;
  return me.role === "unit_head" && ctx.state.sender.caseOwnerUnitId === me.unitId;
}

/** The status the action leads to, or undefined after telling the specialist why it cannot happen now. */
export async function legalMove(ctx: BotContext, c: CaseRow, action: SpecialistActionCode): Promise<CaseRow["status"] | undefined> {
  if (action === "delegate" || action === "transfer") {
    const check = transition(c.status, action === "transfer" ? "transfer" : "reply", c.kind);
    if (check.ok && (action !== "delegate" || c.kind === "appointment")) return c.status;
  } else {
    const lifecycleAction = action === "meet" && c.status === "meeting_scheduled" ? "reschedule_meeting" : LIFECYCLE_ACTION[action];
    const check = transition(c.status, lifecycleAction, c.kind);
    if (check.ok) return check.to;
  }
  await replyHtml(ctx, t(ctx.locale, "sp-illegal", { ref: c.ref, status: t(ctx.locale, `status-${c.status}`), action: t(ctx.locale, `sp-action-${action}`) }));
  return undefined;
}

/** The case's page link; when no key at hand made it (an old key dropped too soon), the command that shows the case. */
async function linkOf(settings: Settings, c: CaseRow): Promise<string> {
  const token = await existingCaseToken(settings, c);
  if (token) return caseLink(settings, token);
  logEvent("case_link_key_missing", { case_id: c.id });
  return `/status ${c.ref}`;
}

async function statusFacts(ctx: BotContext, c: CaseRow, status: CaseRow["status"], next: StatusFacts["next"], detail?: StatusFacts["detail"]): Promise<StatusFacts> {
  const { settings, sender } = ctx.state;
  const unit = sender.specialistUnit;
  return {
    ref: c.ref,
    status,
    next,
    unit: unit ? { zh: unit.nameZh, en: unit.nameEn } : null,
    link: await linkOf(settings, c),
    ...(detail ? { detail } : {}),
  };
}

const nextResolve = (c: CaseRow) => (locale: Locale) => t(locale, "next-resolve", { due: beijingTime(locale, c.resolutionDueAt) });

function actor(ctx: BotContext) {
  return { type: "specialist" as const, id: ctx.state.sender.specialist!.id };
}

export async function acknowledge(ctx: BotContext, c: CaseRow) {
  const to = await legalMove(ctx, c, "ack");
  if (!to) return;
  const { unit } = ctx.state;
  const me = ctx.state.sender.specialist!;
  // A queue case is taken by whoever acknowledges it.
  stageCaseChange(unit, c, to, actor(ctx), "acknowledged", null, { acknowledgedAt: unit.now, ...(c.ownerId ? {} : { ownerId: me.id }) });
  enqueueStatusUpdate(unit, c, "acknowledged", await statusFacts(ctx, c, to, nextResolve(c)));
  await replyHtml(ctx, t(ctx.locale, "sp-done", { ref: c.ref, action: t(ctx.locale, "sp-action-ack") }));
}

export async function acceptTransfer(ctx: BotContext, c: CaseRow) {
  const to = await legalMove(ctx, c, "accept");
  if (!to) return;
  const { unit } = ctx.state;
  const me = ctx.state.sender.specialist!;
  stageCaseChange(unit, c, to, actor(ctx), "transferred", { from: c.ownerId, to: me.id }, { ownerId: me.id, pendingOwnerId: null });
  if (c.ownerId) {
    const text = t("zh", "transfer-accepted-owner", { ref: c.ref, to: me.name });
    unit.write(
      enqueueForRecipients(unit.db, {
        keyPrefix: `case:${c.id}:transferred:${unit.updateId}:`,
        recipients: specialist(c.ownerId, "previous"),
        payloads: { zh: { text, parse_mode: "HTML" }, en: { text, parse_mode: "HTML" } },
        caseId: c.id,
        now: unit.now,
      }),
    );
  }
  enqueueStatusUpdate(unit, c, "transferred", await statusFacts(ctx, c, to, nextResolve(c)));
  await replyHtml(ctx, t(ctx.locale, "transfer-accepted", { ref: c.ref }), ownerKeyboard(c.id, c.kind));
}

async function scheduleMeeting(ctx: BotContext, c: CaseRow, draft: Draft, to: CaseRow["status"]) {
  const { unit, sender } = ctx.state;
  const submit = sender.submit!;
  const calendar = makeCalendar(submit.days, submit.years);
  const date = draft.date!;
  const at = instantOfBeijing(date, `${draft.time}:00`);
  const refuse = (key: string, args = {}) => replyHtml(ctx, t(ctx.locale, key, { date, ...args }));
  if (at <= unit.now) return refuse("meeting-in-past");
  if (!isWorkingDay(calendar, date)) return refuse("meeting-not-working-day");
  if (date > beijingDate(c.resolutionDueAt)) return refuse("meeting-after-due", { due: beijingTime(ctx.locale, c.resolutionDueAt) });
  stageCaseChange(unit, c, to, actor(ctx), c.status === "meeting_scheduled" ? "meeting_rescheduled" : "meeting_scheduled", { date, time: draft.time, place: draft.place }, { meetingAt: at });
  const next = (locale: Locale) => t(locale, "next-meeting", { when: beijingTime(locale, at), place: draft.place! });
  enqueueStatusUpdate(unit, c, "meeting", await statusFacts(ctx, c, to, next));
  await replyHtml(ctx, t(ctx.locale, "sp-done", { ref: c.ref, action: t(ctx.locale, "sp-action-meet") }));
}

async function requestTransfer(ctx: BotContext, c: CaseRow, draft: Draft) {
  const { unit } = ctx.state;
  const me = ctx.state.sender.specialist!;
  const target = draft.to!;
  const active = sql`EXISTS (SELECT 1 FROM specialists WHERE id = ${target} AND active = 1 AND telegram_id IS NOT NULL AND id <> ${c.ownerId ?? ""})`;
  const offer = t("zh", "transfer-offer", { ref: c.ref, from: me.name, kind: t("zh", `kind-${c.kind}`), reason: draft.reason!, summary: c.summary });
  const payload = { text: offer, parse_mode: "HTML" as const, reply_markup: acceptTransferKeyboard(c.id) };
  unit.write(
    unit.db
      .update(cases)
      .set({ pendingOwnerId: target, updatedAt: unit.now, version: sql`${cases.version} + 1` })
      .where(sql`${cases.id} = ${c.id} AND ${cases.version} = ${c.version} AND ${active}`),
    unit.db.run(sql`
      INSERT INTO case_events (case_id, at, actor_type, actor_id, type, data)
      SELECT ${c.id}, ${unit.now}, 'specialist', ${me.id}, 'transfer_requested', ${JSON.stringify({ to: target, reason: draft.reason })}
      WHERE ${active}`),
    enqueueForRecipients(unit.db, {
      keyPrefix: `case:${c.id}:transfer:${target}:${unit.updateId}:`,
      recipients: specialist(target, "offer", active),
      payloads: { zh: payload, en: payload },
      caseId: c.id,
      now: unit.now,
    }),
  );
  const [[after]] = await unit.commit(unit.db.select({ pending: cases.pendingOwnerId }).from(cases).where(sql`${cases.id} = ${c.id}`));
  if (after?.pending !== target) {
    await replyHtml(ctx, t(ctx.locale, "transfer-unknown", { to: target }));
    return;
  }
  await replyHtml(ctx, t(ctx.locale, "transfer-requested", { ref: c.ref, to: target }));
}

/** The submit of a specialist's form (reply, request info, meeting, delegation, transfer, resolution). */
export async function submitSpecialistForm(ctx: BotContext, formId: string, draft: Draft, caseId: string | undefined) {
  const c = ctx.state.sender.case;
  const action = formId.replace(/^sp-/, "") as SpecialistActionCode;
  if (!c || c.id !== caseId || !mayAct(ctx, c, action)) {
    await replyHtml(ctx, t(ctx.locale, "sp-not-allowed"));
    return;
  }
  const to = await legalMove(ctx, c, action);
  if (!to) return;
  const { unit } = ctx.state;
  const done = () => replyHtml(ctx, t(ctx.locale, "sp-done", { ref: c.ref, action: t(ctx.locale, `sp-action-${action}`) }));
  switch (action) {
    case "reply": {
      // A reply is also the first response, if none was given yet.
      const extra = c.acknowledgedAt ? {} : { acknowledgedAt: unit.now };
      stageCaseChange(unit, c, to, actor(ctx), "specialist_reply", { text: draft.text }, extra);
      const detail = (locale: Locale) => t(locale, "detail-reply", { text: draft.text! });
      enqueueStatusUpdate(unit, c, "reply", await statusFacts(ctx, c, to, nextResolve(c), detail));
      return done();
    }
    case "info": {
      stageCaseChange(unit, c, to, actor(ctx), "info_requested", { request: draft.request });
      const detail = (locale: Locale) => t(locale, "detail-info", { request: draft.request!, ref: c.ref });
      enqueueStatusUpdate(unit, c, "info", await statusFacts(ctx, c, to, nextResolve(c), detail));
      return done();
    }
    case "meet":
      return scheduleMeeting(ctx, c, draft, to);
    case "delegate": {
      stageCaseEvent(unit, c, actor(ctx), "meeting_delegated", { official: draft.official, approval: draft.approval });
      const detail = (locale: Locale) => t(locale, "detail-delegated", { official: draft.official! });
      enqueueStatusUpdate(unit, c, "delegated", await statusFacts(ctx, c, to, nextResolve(c), detail));
      return done();
    }
    case "transfer":
      return requestTransfer(ctx, c, draft);
    case "resolve": {
      stageCaseChange(unit, c, to, actor(ctx), "resolved", { outcome: draft.outcome }, { resolvedAt: unit.now, nextAlertAt: unit.now });
      const detail = (locale: Locale) => t(locale, "detail-resolved", { outcome: draft.outcome! });
      enqueueStatusUpdate(unit, c, "resolved", await statusFacts(ctx, c, to, (locale) => t(locale, "next-feedback"), detail));
      // 回访: the survey follows the status update (the outbox keeps per-chat order).
      unit.write(
        enqueueForRecipients(unit.db, {
          keyPrefix: `case:${c.id}:survey:${unit.updateId}:`,
          recipients: firmMembers(c.firmId),
          payloads: surveyPayloads(c.ref, c.id),
          caseId: c.id,
          now: unit.now,
        }),
      );
      return done();
    }
    default:
      await replyHtml(ctx, t(ctx.locale, "sp-not-allowed"));
  }
}
