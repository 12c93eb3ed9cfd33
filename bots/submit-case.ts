// Submitting a case form: the case with its ref, due instants (working days, Asia/Shanghai),
// owner by first-inquiry responsibility, first ledger events, the owner's notice and the
// firm's status update — one batch — then the bilingual confirmation.
import { admins, owner as ownerAudience } from "../db/queries/audiences.ts";
import { caseById, createCase } from "../db/queries/cases.ts";
import { enqueueForRecipients, REF_PLACEHOLDER } from "../db/queries/outbox.ts";
import type { RoutingCandidate } from "../db/queries/preload.ts";
import type { CaseKind } from "../db/schema.ts";
import { beijingDate, beijingYear, makeCalendar, type CalendarWarning } from "../domain/calendar.ts";
import { computeDues } from "../domain/sla.ts";
import { policyFor } from "../db/queries/calendar.ts";
import { caseLink, caseToken } from "../lib/case-token.ts";
import { sha256Hex } from "../lib/crypto.ts";
import type { BotContext } from "./context.ts";
import type { CaseForm } from "./forms/definitions.ts";
import type { Draft } from "./forms/engine.ts";
import { beijingTime, deadlineRuleText } from "../lib/format.ts";
import { otherLocale, t, type Locale } from "../lib/i18n.ts";
import { enqueueStatusUpdate } from "./notices.ts";
import { replyHtml } from "./reply.ts";
import { ownerKeyboard } from "./specialist-keyboards.ts";
import { activeFirm, firmName } from "./membership.ts";

export function caseKindOf(form: CaseForm, draft: Draft): CaseKind {
  return form === "urgent" && draft.especially_urgent === "yes" ? "especially_urgent" : form;
}

/** A line that says what the case is about, for lists and notices. */
export function summaryOf(kind: CaseKind, draft: Draft): string {
  const text =
    kind === "appointment"
      ? `${draft.counterpart}: ${draft.topic}`
      : kind === "policy"
        ? `${draft.policy}: ${draft.question}`
        : `${draft.difficulty}`;
  const flat = text.replace(/\s+/g, " ");
  return [...flat].length > 120 ? `${[...flat].slice(0, 119).join("")}…` : flat;
}

/** The firm's own specialist first, else the longest-serving one on duty in its area. */
export function pickOwner(candidates: RoutingCandidate[], firmId: string): RoutingCandidate | undefined {
  return candidates
    .filter((c) => c.firmId === firmId)
    .sort((a, b) => a.rank - b.rank || a.createdAt - b.createdAt)[0];
}

function warningText(locale: Locale, warnings: readonly CalendarWarning[]): string {
  const years = [...new Set(warnings.map((w) => w.year))];
  return years.map((year) => `${t(locale, "calendar-warning", { year: String(year) })}\n`).join("");
}

export async function submitCase(ctx: BotContext, form: CaseForm, draft: Draft) {
  const firm = activeFirm(ctx);
  const submit = ctx.state.sender.submit;
  if (!firm || !submit) throw new Error("submit without a firm or its preloaded context");
  const { unit, settings } = ctx.state;
  const db = unit.db;
  const kind = caseKindOf(form, draft);
  const policy = policyFor(kind, submit.policies);
  const dues = computeDues(makeCalendar(submit.days, submit.years), policy, unit.now);
  const owner = pickOwner(submit.candidates, firm.id);
  const caseId = crypto.randomUUID();
  const token = await caseToken(settings, caseId);
  const summary = summaryOf(kind, draft);
  const warning = dues.warnings.length ? dues.warnings.map((w: CalendarWarning) => `${w.code}:${w.year}`).join(",") : null;

  unit.write(
    ...createCase(db, {
      id: caseId,
      firmId: firm.id,
      createdBy: ctx.from!.id,
      kind,
      summary,
      details: draft,
      receivedAt: unit.now,
      year: beijingYear(unit.now),
      firstResponseDueAt: dues.firstResponseDueAt,
      resolutionDueAt: dues.resolutionDueAt,
      calendarWarning: warning,
      ownerId: owner?.specialistId ?? null,
      publicTokenHash: await sha256Hex(token),
    }),
  );

  const zhFacts = {
    ref: REF_PLACEHOLDER,
    kind: t("zh", `kind-${kind}`),
    firm: firmName(firm, "zh"),
    uscc: firm.uscc,
    area: t("zh", `option-area-${firm.areaCode}`),
    firstDue: beijingTime("zh", dues.firstResponseDueAt),
    due: beijingTime("zh", dues.resolutionDueAt),
    calendarWarning: warningText("zh", dues.warnings),
    summary,
    original: Object.values(draft).join("\n"),
  };
  const specialistNotice = (key: string, withButtons: boolean) => ({
    text: t("zh", key, zhFacts),
    parse_mode: "HTML" as const,
    ...(withButtons ? { reply_markup: ownerKeyboard(caseId, kind) } : {}),
  });
  const notice = owner ? specialistNotice("owner-assigned", true) : specialistNotice("queue-assigned", false);
  unit.write(
    enqueueForRecipients(db, {
      keyPrefix: `case:${caseId}:assigned:`,
      recipients: ownerAudience(owner?.specialistId ?? null),
      payloads: { zh: notice, en: notice },
      caseId,
      now: unit.now,
      refOfCase: caseId,
      // It quotes the filer's answers.
      about: ctx.from!.id,
    }),
  );
  if (owner) {
    enqueueStatusUpdate(
      unit,
      { id: caseId, firmId: firm.id },
      "assigned",
      {
        ref: REF_PLACEHOLDER,
        status: "assigned",
        next: (locale) => t(locale, "next-acknowledge", { due: beijingTime(locale, dues.firstResponseDueAt) }),
        unit: { zh: owner.unitNameZh, en: owner.unitNameEn },
        link: caseLink(settings, token),
      },
      { refOfCase: true },
    );
  }

  // A deadline computed without an official schedule: admins hear of it, once a day per year.
  for (const year of new Set(dues.warnings.map((w: CalendarWarning) => w.year))) {
    const alert = { text: t("zh", "calendar-alert", { year: String(year) }), parse_mode: "HTML" as const };
    unit.write(
      enqueueForRecipients(db, {
        keyPrefix: `calendar:missing:${year}:${beijingDate(unit.now)}:`,
        recipients: admins(),
        payloads: { zh: alert, en: alert },
        now: unit.now,
      }),
    );
  }

  const [[created]] = await unit.commit(caseById(db, caseId));
  if (!created) throw new Error("the case was not created");
  const args = (locale: Locale) => ({
    kind: t(locale, `kind-${kind}`),
    ref: created.ref,
    rule: deadlineRuleText(locale, policy),
    due: beijingTime(locale, dues.resolutionDueAt),
    firstDue: beijingTime(locale, dues.firstResponseDueAt),
  });
  const confirm = (locale: Locale) => `${t(locale, "case-submitted", args(locale))}\n${warningText(locale, dues.warnings)}`.trim();
  await replyHtml(ctx, `${confirm(ctx.locale)}\n\n${confirm(otherLocale(ctx.locale))}\n\n${caseLink(settings, token)}`);
}
