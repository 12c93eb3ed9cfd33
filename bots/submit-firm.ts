// Submitting the firm form: registers the firm, or, when its code is registered already, asks
// to join it; the approvers (active members, the firm's specialist) get buttons to decide.
import { firmByUscc, joinApprovers, membershipByUscc, registerFirm, saveContact } from "../db/queries/firms.ts";
import { enqueueForRecipients } from "../db/queries/outbox.ts";
import type { BotContext } from "./context.ts";
import type { Draft } from "./forms/engine.ts";
import { t, type Locale } from "../lib/i18n.ts";
import { joinKeyboard, menuKeyboard } from "./keyboards.ts";
import { replyHtml } from "./reply.ts";
import { firmName } from "./membership.ts";

/** After the code is typed: say at once if the firm is registered already (read in the commit batch). */
export async function usccAnswered(ctx: BotContext, uscc: string) {
  const { unit } = ctx.state;
  const [[firm]] = await unit.commit(firmByUscc(unit.db, uscc));
  if (firm) await replyHtml(ctx, t(ctx.locale, "firm-exists", { name: firmName(firm, ctx.locale) }));
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
      keyPrefix: `join:${uscc}:${applicant}:${unit.now}:`,
      recipients: joinApprovers(uscc, applicant),
      payloads: { zh: request("zh"), en: request("en") },
      now: unit.now,
      about: applicant,
    }),
  );
  const [[joined]] = await unit.commit(membershipByUscc(db, applicant, uscc));
  if (!joined) throw new Error("the firm registration left no membership");
  const name = firmName(joined.firm, ctx.locale);
  if (joined.status === "active") {
    await replyHtml(ctx, t(ctx.locale, "firm-registered", { name }), menuKeyboard(ctx.locale));
  } else {
    await replyHtml(ctx, t(ctx.locale, "firm-join-pending", { name }));
  }
}
