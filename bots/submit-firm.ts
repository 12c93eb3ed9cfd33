// Submitting the firm form: registers the firm (a claim, which the firm's specialist or the
// department verifies with buttons), or, when a verified member speaks for it already, asks to
// join it; the approvers (verified members, the firm's specialist) get buttons to decide. Which
// of the two it is, the batch decides; the same request sent again tells nobody twice.
import { sql } from "drizzle-orm";
import { claimVerifiers, joinApprovers, membershipStatus, registerFirm, saveContact } from "../db/queries/firms.ts";
import { enqueueForRecipients } from "../db/queries/outbox.ts";
import type { BotContext } from "./context.ts";
import type { Draft } from "./forms/engine.ts";
import { t, type Locale } from "../lib/i18n.ts";
import { claimKeyboard, joinKeyboard, menuKeyboard } from "./keyboards.ts";
import { replyHtml } from "./reply.ts";
import { firmName } from "./membership.ts";

/** After the code is typed: say at once if the firm is registered already (the preload read it by the typed code). */
export async function usccAnswered(ctx: BotContext, uscc: string) {
  const firm = ctx.state.sender.firm;
  if (firm?.uscc === uscc) await replyHtml(ctx, t(ctx.locale, "firm-exists", { name: firmName(firm, ctx.locale) }));
}

export async function submitFirm(ctx: BotContext, draft: Draft) {
  const { unit } = ctx.state;
  const db = unit.db;
  const uscc = draft.uscc!;
  const applicant = ctx.from!.id;
  const applicantName = draft.contact_name ?? ctx.from!.first_name;
  const request = (locale: Locale) => ({
    text: t(locale, "firm-join-request", { applicant: applicantName, uscc }),
    parse_mode: "HTML" as const,
    reply_markup: joinKeyboard(locale, uscc, applicant),
  });
  const existing = ctx.state.sender.firm?.uscc === uscc ? ctx.state.sender.firm : undefined;
  const claim = {
    text: t("zh", "claim-request", {
      applicant: applicantName,
      telegramId: String(applicant),
      phone: draft.phone ?? "—",
      name: firmName(existing ?? { nameZh: draft.name_zh ?? null, nameEn: draft.name_en ?? null }, "zh"),
      uscc,
      area: t("zh", `option-area-${existing?.areaCode ?? draft.area}`),
    }),
    parse_mode: "HTML" as const,
    reply_markup: claimKeyboard("zh", uscc, applicant),
  };
  unit.write(
    ...registerFirm(
      db,
      crypto.randomUUID(),
      {
        uscc,
        nameZh: draft.name_zh ?? null,
        nameEn: draft.name_en ?? null,
        areaCode: draft.area!,
        industry: draft.industry!,
        foreignInvested: draft.foreign_invested === "yes",
        investorCountry: draft.investor_country ?? null,
      },
      applicant,
      unit.now,
    ),
    saveContact(db, applicant, { displayName: draft.contact_name ?? null, phone: draft.phone ?? null }, unit.now),
    enqueueForRecipients(db, {
      keyPrefix: `join:${uscc}:${applicant}:`,
      recipients: joinApprovers(uscc, applicant),
      payloads: { zh: request("zh"), en: request("en") },
      now: unit.now,
      about: applicant,
    }),
    enqueueForRecipients(db, {
      keyPrefix: `claim:${uscc}:${applicant}:`,
      recipients: claimVerifiers(uscc, applicant),
      payloads: { zh: claim, en: claim },
      now: unit.now,
      about: applicant,
    }),
  );
  // The firm as the preload found it (by the form's code); registered in this very instant by
  // someone else, it is the draft's name, and the batch still tells which of the two happened.
  const name = firmName(existing ?? { nameZh: draft.name_zh ?? null, nameEn: draft.name_en ?? null }, ctx.locale);
  await unit.onlyIf(
    sql`${membershipStatus(uscc, applicant)} IN ('unverified', 'active')`,
    () => replyHtml(ctx, t(ctx.locale, "firm-registered", { name }), menuKeyboard(ctx.locale)),
    () => replyHtml(ctx, t(ctx.locale, "firm-join-pending", { name })),
  );
}
