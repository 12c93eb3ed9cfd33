// 三书一函 in chat: a business-environment department officer signs a drafted notice off (签发),
// which numbers it and issues it to the responsible unit; the unit's people record its written
// reply (整改情况), which the department is told of. The rules are domain/supervision.ts
// (decideNotice); the writes db/supervision-writes.ts. Two round trips: the preload (the notice,
// its case, obligations and document context) and the commit, whose replies are kept under the
// condition of the outcome (signed by this officer, voided, signed by another).
import { Composer } from "grammy";
import { sql } from "drizzle-orm";
import { noticeAddressees, supervisingOffice } from "../../db/queries/audiences.ts";
import { noticeSnapshot } from "../../db/case-snapshot.ts";
import { ladderFrom } from "../../db/queries/supervision.ts";
import { NUMBER_PLACEHOLDER, replyWrites, signWrites } from "../../db/supervision-writes.ts";
import { makeCalendar } from "../../domain/calendar.ts";
import { openObligations, type ObligationRecord } from "../../domain/obligations.ts";
import { decideNotice, noticeTypeOf, overdueBy, type NoticeRefusal } from "../../domain/supervision.ts";
import { isOpen } from "../../domain/vocabulary.ts";
import { noticeAction } from "../callback-data.ts";
import { onButton } from "../buttons.ts";
import type { BotContext, TextMessageContext } from "../context.ts";
import { beijingTime } from "../../lib/format.ts";
import { bilingual, t } from "../../lib/i18n.ts";
import { clearButtons, replyHtml } from "../reply.ts";
import { loadSession, saveSession } from "../session.ts";
import { repliedPayloads } from "../supervision-documents.ts";
import { issuedPayloads, issuerName, noticeDocument, noticeDocumentHtml, noticeTitle, type DocumentCase, type DocumentNotice, type DocumentUnit } from "../notice-document.ts";

/** The longest reply a unit may record in one message. */
export const REPLY_MAX_CHARS = 2000;

export const supervision = new Composer<BotContext>();

/** What a notice decision needs, from the preload; undefined when the notice (or its case) is gone. */
function loaded(ctx: BotContext, noticeId: string) {
  const { sender, unit } = ctx.state;
  const notice = sender.notice;
  const c = sender.case;
  const context = sender.noticeContext;
  if (!notice || notice.id !== noticeId || !c || c.id !== notice.caseId || !context) return undefined;
  const obligations: ObligationRecord[] = sender.obligations.map(({ caseId: _, ...o }) => o);
  const calendar = makeCalendar(sender.calendar?.days ?? [], sender.calendar?.years ?? []);
  // As the cron judges a draft: its obligation still open and overdue, on an open case.
  const stillOverdue = isOpen(c.status) && openObligations(obligations).some((o) => o.obligation === notice.obligation && o.dueAt < unit.now);
  const me = sender.specialist;
  const actor = me ? { role: me.role, unitId: me.unitId, id: me.id } : undefined;
  return { notice, snapshot: noticeSnapshot(notice), c, context, obligations, calendar, ladder: ladderFrom(context.ladder), stillOverdue, actor };
}

type Loaded = NonNullable<ReturnType<typeof loaded>>;

function refusalText(ctx: BotContext, reason: NoticeRefusal, l: Loaded, action: "sign" | "reply"): string {
  const { notice, c, context } = l;
  switch (reason) {
    case "not_allowed":
      return action === "sign" ? t(ctx.locale, "sv-refused-not-allowed") : t(ctx.locale, "sv-reply-not-allowed", { unit: context.unitName ?? "" });
    case "not_a_draft":
      return notice.status === "signed" ? t(ctx.locale, "sv-refused-signed", { number: notice.number ?? "" }) : t(ctx.locale, "sv-refused-void");
    case "obligation_met":
      return t(ctx.locale, "sv-refused-obligation-met", { ref: c.ref, obligation: t(ctx.locale, `obligation-${notice.obligation}`) });
    case "not_signed":
      return t(ctx.locale, "sv-reply-not-signed");
    case "already_replied":
      return t(ctx.locale, "sv-reply-already", { at: beijingTime(ctx.locale, notice.repliedAt ?? 0) });
  }
}

/** A refusal shown to the one who tapped (in a group too), as an alert. */
async function refuseTap(ctx: BotContext, text: string) {
  await ctx.answerCallbackQuery({ text, show_alert: true });
}

/** Messages to the person who tapped go to their private chat, also when they tapped in the unit's group. */
function tellTapper(ctx: BotContext, text: string) {
  return ctx.api.sendMessage(ctx.from!.id, text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
}

/** The document as issued now: what the notice names, and the deadline the sign-off sets. */
function documentOf(l: Loaded, at: number, deadlineAt: number): [DocumentNotice, DocumentCase, DocumentUnit, string, number] {
  const { notice, c, context, obligations, calendar } = l;
  const missed = obligations.find((o) => o.obligation === notice.obligation && o.dueAt === notice.missedDueAt) ?? { clock: "working_days" as const, dueAt: notice.missedDueAt };
  return [
    { notice: noticeTypeOf(notice.level), obligation: notice.obligation, missedDueAt: notice.missedDueAt, clock: missed.clock, overdue: overdueBy(calendar, missed, at).amount, deadlineAt },
    { ref: c.ref, kind: c.kind, firm: context.firm, receivedAt: c.receivedAt },
    { name: context.unitName ?? t("zh", "unit-queue"), principal: context.principal },
    issuerName(context.issuer),
    at,
  ];
}

async function signOff(ctx: BotContext, noticeId: string) {
  const l = loaded(ctx, noticeId);
  if (!l) return refuseTap(ctx, t(ctx.locale, "sv-not-found"));
  const { unit } = ctx.state;
  const decision = l.actor ? decideNotice(l.snapshot, { action: "sign" }, l.actor, l.stillOverdue, l.calendar, l.ladder, unit.now) : ({ ok: false, reason: "not_allowed" } as const);
  if (!decision.ok) return refuseTap(ctx, refusalText(ctx, decision.reason, l, "sign"));
  if (decision.action !== "sign") throw new Error("a sign-off decided as a reply");
  const document = documentOf(l, unit.now, decision.deadlineAt);
  unit.write(
    ...signWrites(unit.db, {
      notice: l.snapshot,
      signer: { type: "specialist", id: l.actor!.id },
      year: decision.year,
      deadlineAt: decision.deadlineAt,
      document: noticeDocument(...document),
      prefix: l.ladder.numberPrefix,
      recipients: [{ key: `notice:${l.notice.id}:issued:`, recipients: noticeAddressees(l.notice.unitId ?? "", l.c.ownerId), payloads: issuedPayloads(noticeDocumentHtml(...document), l.notice.id) }],
      now: unit.now,
    }),
  );
  // The batch numbers the notice; the replies name it by placeholder, filled in by the batch. Between
  // this update's read and its write another officer may have signed it, or the cron voided it: that stands.
  const notice = sql`(SELECT status FROM supervision_notices WHERE id = ${l.notice.id})`;
  unit.fillIn(NUMBER_PLACEHOLDER, sql`(SELECT number FROM supervision_notices WHERE id = ${l.notice.id})`);
  await unit.onlyIf(
    sql`EXISTS (SELECT 1 FROM supervision_notices WHERE id = ${l.notice.id} AND signed_by = ${l.actor!.id})`,
    async () => {
      await ctx.answerCallbackQuery();
      await clearButtons(ctx);
      await tellTapper(ctx, t(ctx.locale, "sv-signed", { title: noticeTitle(l.notice.level), number: NUMBER_PLACEHOLDER, unit: l.context.unitName ?? "" }));
    },
    () =>
      unit.onlyIf(
        sql`${notice} = 'void'`,
        () => refuseTap(ctx, t(ctx.locale, "sv-refused-void")),
        () => refuseTap(ctx, t(ctx.locale, "sv-refused-signed", { number: NUMBER_PLACEHOLDER })),
      ),
  );
}

async function askReply(ctx: BotContext, noticeId: string) {
  const l = loaded(ctx, noticeId);
  if (!l) return refuseTap(ctx, t(ctx.locale, "sv-not-found"));
  const { unit } = ctx.state;
  const decision = l.actor ? decideNotice(l.snapshot, { action: "reply", text: "" }, l.actor, l.stillOverdue, l.calendar, l.ladder, unit.now) : ({ ok: false, reason: "not_allowed" } as const);
  if (!decision.ok) return refuseTap(ctx, refusalText(ctx, decision.reason, l, "reply"));
  saveSession(ctx, { flow: "notice_reply", noticeId: l.notice.id, caseId: l.c.id, ref: l.c.ref });
  await ctx.answerCallbackQuery();
  await tellTapper(ctx, t(ctx.locale, "sv-reply-ask", { ref: l.c.ref, number: l.notice.number ?? "", title: noticeTitle(l.notice.level), max: String(REPLY_MAX_CHARS), issuer: issuerName(l.context.issuer) }));
}

async function recordReply(ctx: BotContext, noticeId: string, typed: string) {
  const l = loaded(ctx, noticeId);
  if (!l) {
    saveSession(ctx, null);
    return replyHtml(ctx, t(ctx.locale, "sv-not-found"));
  }
  const text = typed.normalize("NFC").trim();
  // Bad input keeps the step: the person types it again.
  if (!text) return replyHtml(ctx, bilingual(ctx.locale, "sv-reply-empty"));
  if (text.length > REPLY_MAX_CHARS) return replyHtml(ctx, bilingual(ctx.locale, "sv-reply-too-long", { max: String(REPLY_MAX_CHARS), length: String(text.length) }));
  const { unit } = ctx.state;
  saveSession(ctx, null);
  const decision = l.actor ? decideNotice(l.snapshot, { action: "reply", text }, l.actor, l.stillOverdue, l.calendar, l.ladder, unit.now) : ({ ok: false, reason: "not_allowed" } as const);
  if (!decision.ok) return replyHtml(ctx, refusalText(ctx, decision.reason, l, "reply"));
  const me = ctx.state.sender.specialist!;
  const told = repliedPayloads({ ref: l.c.ref, number: l.notice.number ?? "", level: l.notice.level, unit: l.context.unitName ?? "", by: me.name, at: unit.now, text });
  unit.write(...replyWrites(unit.db, { notice: l.snapshot, by: { type: "specialist", id: me.id }, text, told: [{ key: `notice:${l.notice.id}:replied:`, recipients: supervisingOffice(), payloads: told }], now: unit.now }));
  // Someone of the unit recorded it between this update's read and its write (so, just now): theirs stands.
  await unit.onlyIf(
    sql`EXISTS (SELECT 1 FROM supervision_notices WHERE id = ${l.notice.id} AND replied_by = ${me.id})`,
    () => replyHtml(ctx, t(ctx.locale, "sv-reply-recorded", { ref: l.c.ref, number: l.notice.number ?? "", issuer: issuerName(l.context.issuer) })),
    () => replyHtml(ctx, t(ctx.locale, "sv-reply-already", { at: beijingTime(ctx.locale, unit.now) })),
  );
}

onButton(supervision, noticeAction, async (ctx, { action, noticeId }) => (action === "sign" ? signOff(ctx, noticeId) : askReply(ctx, noticeId)));

/** The reply typed after tapping 录入整改情况 (bots/routing.ts routes the flow here). */
export async function noticeReplyText(ctx: TextMessageContext) {
  const { state } = loadSession(ctx);
  if (state?.flow !== "notice_reply") return;
  await recordReply(ctx, state.noticeId, ctx.message.text);
}
