// The specialist's side of the bot: /join with an invite code, /duty, /mine, /case <ref>, and the
// buttons under case notices. Every action checks the role first.
import { Composer } from "grammy";
import { and, eq, sql } from "drizzle-orm";
import { claimInvite, normaliseInviteCode, setDuty } from "../../db/queries/specialists.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import { specialists, webSignIns } from "../../db/schema.ts";
import { roleOn } from "../../domain/case-rules.ts";
import { isOpen } from "../../domain/vocabulary.ts";
import { onButton } from "../buttons.ts";
import { actorOf, caseSnapshotOf } from "../case-actions.ts";
import { obligationLines } from "../case-view.ts";
import { specialistAction } from "../callback-data.ts";
import type { BotContext } from "../context.ts";
import { FORMS } from "../forms/definitions.ts";
import type { Draft } from "../forms/engine.ts";
import { beijingTime } from "../../lib/format.ts";
import { t } from "../../lib/i18n.ts";
import { replyHtml } from "../reply.ts";
import { randomToken } from "../../lib/crypto.ts";
import { ownerKeyboard } from "../specialist-keyboards.ts";
import { openForm } from "../forms/driver.ts";
import { firmName } from "../membership.ts";
import { mayTake, takeStep } from "../specialist-actions.ts";
import { originalText } from "../submit-case.ts";

/** Staff who may see a case: its owner, co-handlers, the owner's unit head, the department, admins. */
function maySee(ctx: BotContext): boolean {
  const snapshot = caseSnapshotOf(ctx.state.sender);
  return snapshot !== undefined && !["other_staff", "investor", "system"].includes(roleOn(snapshot, actorOf(ctx)));
}

export const specialistFeature = new Composer<BotContext>();

const WEB_SIGN_IN_MINUTES = 10;

const privateChat = specialistFeature.chatType("private");

privateChat.command("join", async (ctx) => {
  const code = normaliseInviteCode(ctx.match);
  if (code.length < 8) {
    await replyHtml(ctx, t(ctx.locale, "join-usage"));
    return;
  }
  const { unit } = ctx.state;
  // The record the code would claim was read in the preload; the claim itself decides, at commit.
  const invited = ctx.state.sender.answers.invite;
  const invalid = () => replyHtml(ctx, t(ctx.locale, "join-invalid"));
  if (!invited) return invalid();
  const hash = await sha256Hex(code);
  unit.write(claimInvite(unit.db, hash, unit.now, { telegramId: ctx.from.id, chatId: ctx.chat.id }));
  const { specialist: joined, unit: joinedUnit } = invited;
  await unit.onlyIf(
    sql`EXISTS (SELECT 1 FROM specialists WHERE id = ${joined.id} AND telegram_id = ${ctx.from.id})`,
    () => replyHtml(ctx, t(ctx.locale, "join-welcome", { name: joined.name, unit: joinedUnit.nameZh, role: t(ctx.locale, `role-${joined.role}`) })),
    invalid,
  );
});

privateChat.command(["duty", "deputy", "mine", "case", "web"], async (ctx, next) => {
  if (ctx.state.sender.specialist) return next();
  await replyHtml(ctx, t(ctx.locale, "not-a-specialist"));
});

/** A one-time link to the supervisors' web (GET shows a button; the POST signs in and spends it). */
privateChat.command("web", async (ctx) => {
  const me = ctx.state.sender.specialist!;
  const token = randomToken();
  const { unit } = ctx.state;
  unit.write(unit.db.insert(webSignIns).values({ tokenHash: await sha256Hex(token), specialistId: me.id, expiresAt: unit.now + WEB_SIGN_IN_MINUTES * 60_000, createdAt: unit.now }));
  const link = new URL(`/web/sign-in?t=${token}`, ctx.state.settings.PUBLIC_BASE_URL).toString();
  await replyHtml(ctx, t(ctx.locale, "web-link", { link, minutes: WEB_SIGN_IN_MINUTES }));
});

privateChat.command("duty", async (ctx) => {
  const me = ctx.state.sender.specialist!;
  const choice = ctx.match.trim().toLowerCase();
  if (choice !== "on" && choice !== "off") {
    await replyHtml(ctx, t(ctx.locale, "duty-usage"));
    return;
  }
  ctx.state.unit.write(setDuty(ctx.state.unit.db, me.id, choice === "on"));
  await replyHtml(ctx, t(ctx.locale, choice === "on" ? "duty-on" : "duty-off"));
});

privateChat.command("deputy", async (ctx) => {
  const me = ctx.state.sender.specialist!;
  const choice = ctx.match.trim().toLowerCase();
  const { unit } = ctx.state;
  if (choice === "off") {
    unit.write(unit.db.update(specialists).set({ deputyId: null }).where(eq(specialists.id, me.id)));
    await replyHtml(ctx, t(ctx.locale, "deputy-cleared"));
    return;
  }
  if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(choice) || choice === me.id) {
    await replyHtml(ctx, t(ctx.locale, "deputy-usage"));
    return;
  }
  const active = sql`EXISTS (SELECT 1 FROM specialists d WHERE d.id = ${choice} AND d.active = 1)`;
  unit.write(unit.db.update(specialists).set({ deputyId: choice }).where(and(eq(specialists.id, me.id), active)));
  await unit.onlyIf(
    sql`EXISTS (SELECT 1 FROM specialists WHERE id = ${me.id} AND deputy_id = ${choice})`,
    () => replyHtml(ctx, t(ctx.locale, "deputy-set", { deputy: choice })),
    () => replyHtml(ctx, t(ctx.locale, "deputy-unknown", { deputy: choice })),
  );
});

privateChat.command("mine", async (ctx) => {
  const { unit } = ctx.state;
  const rows = ctx.state.sender.answers.mine;
  if (rows.length === 0) {
    await replyHtml(ctx, t(ctx.locale, "mine-empty"));
    return;
  }
  const lines = rows.map((c) =>
    t(ctx.locale, "mine-line", {
      overdue: c.resolutionDueAt < unit.now ? t(ctx.locale, "mine-overdue") : "",
      ref: c.ref,
      kind: t(ctx.locale, `kind-${c.kind}`),
      status: t(ctx.locale, `status-${c.status}`),
      due: beijingTime(ctx.locale, c.resolutionDueAt),
    }),
  );
  await replyHtml(ctx, [t(ctx.locale, "mine-title", { count: rows.length }), ...lines].join("\n"));
});

privateChat.command("case", async (ctx) => {
  const c = ctx.state.sender.case;
  if (!ctx.match.trim()) {
    await replyHtml(ctx, t(ctx.locale, "case-usage"));
    return;
  }
  if (!c || !maySee(ctx)) {
    await replyHtml(ctx, t(ctx.locale, "case-not-found", { ref: ctx.match.trim().slice(0, 40) }));
    return;
  }
  const { firm, filerUnverified } = ctx.state.sender.answers.caseFirm ?? {};
  const text = t(ctx.locale, "specialist-case", {
    ref: c.ref,
    kind: t(ctx.locale, `kind-${c.kind}`),
    status: t(ctx.locale, `status-${c.status}`),
    firm: firm ? `${firmName(firm, ctx.locale)} (${firm.uscc})` : "",
    unverified: filerUnverified ? ` ${t(ctx.locale, "firm-unverified-mark")}` : "",
    firstDue: beijingTime(ctx.locale, c.firstResponseDueAt),
    due: beijingTime(ctx.locale, c.resolutionDueAt),
    summary: c.summary,
  });
  const obligations = obligationLines(ctx.locale, ctx.state.sender.obligations, "staff");
  // The firm's words whole, however long: the reply goes in parts if need be (notices cut them and point here).
  const original = t(ctx.locale, "specialist-case-original", { original: originalText(c.details as Draft) });
  await replyHtml(ctx, [text, ...obligations, original].join("\n"), isOpen(c.status) ? ownerKeyboard(c.id, c.kind) : undefined);
});

onButton(specialistFeature, specialistAction, async (ctx, { action }) => {
  const c = ctx.state.sender.case;
  await ctx.answerCallbackQuery();
  if (!c || !(await mayTake(ctx, action))) return;
  if (action === "ack" || action === "approve") return takeStep(ctx, action);
  const form = FORMS[`sp-${action}`];
  if (!form) return;
  await openForm(ctx, form, { caseId: c.id, ref: c.ref });
});
