// Submitting a case form: the case with its ref, due instants (working days, Asia/Shanghai),
// owner by first-inquiry responsibility, first ledger events, the owner's notice and the
// firm's status update — one batch — then the bilingual confirmation.
import { newCaseWrites, type RenderedNotice } from "../db/case-writes.ts";
import { admins, firmMembers, owner as ownerAudience } from "../db/queries/audiences.ts";
import { enqueueForRecipients, limitWithTranslation, REF_PLACEHOLDER, withTranslation } from "../db/queries/outbox.ts";
import { crossing, TRANSLATION_SLOT } from "../lib/translation.ts";
import { fitText } from "../lib/telegram-text.ts";
import type { RoutingCandidate } from "../db/queries/preload.ts";
import { beijingDate, beijingYear, type CalendarWarning } from "../domain/calendar.ts";
import { headlineDues, obligationsFor } from "../domain/obligations.ts";
import { routeCase, type Route } from "../domain/routing.ts";
import type { CaseKind } from "../domain/vocabulary.ts";
import { caseLink, caseToken } from "../lib/case-token.ts";
import { sha256Hex } from "../lib/crypto.ts";
import { rulesOf } from "./case-actions.ts";
import { nextText } from "./case-notices.ts";
import type { BotContext } from "./context.ts";
import type { CaseForm } from "./forms/definitions.ts";
import type { Draft } from "./forms/engine.ts";
import { beijingTime, deadlineRuleText, dueText } from "../lib/format.ts";
import { otherLocale, t, type Locale } from "../lib/i18n.ts";
import { statusUpdatePayloads } from "./notices.ts";
import { replyHtml } from "./reply.ts";
import { ownerKeyboard } from "./specialist-keyboards.ts";
import { actingMembership, activeFirm, firmName } from "./membership.ts";

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

/** The firm's own words, every answer of the form, as the owner reads them in the notice and /case. */
export function originalText(details: Draft): string {
  return Object.values(details).join("\n");
}

/** 首问负责制 over the preloaded candidates of this firm. */
export function routeFor(candidates: RoutingCandidate[], firmId: string): Route {
  return routeCase(
    candidates
      .filter((c) => c.firmId === firmId)
      .map((c) => ({ specialistId: c.specialistId, reachable: true, assigned: c.rank === 0, onDutyInArea: c.rank === 1, createdAt: c.createdAt })),
  );
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
  const rules = rulesOf(ctx);
  const policy = rules.policies[kind];
  const { records, warnings } = obligationsFor(rules.calendar, policy, unit.now);
  const dues = headlineDues(records, kind);
  const route = routeFor(submit.candidates, firm.id);
  const owner = route.ownerId ? submit.candidates.find((c) => c.specialistId === route.ownerId) : undefined;
  const caseId = crypto.randomUUID();
  const token = await caseToken(settings, caseId);
  const link = caseLink(settings, token);
  const summary = summaryOf(kind, draft);
  const warning = warnings.length ? warnings.map((w: CalendarWarning) => `${w.code}:${w.year}`).join(",") : null;

  const zhFacts = {
    ref: REF_PLACEHOLDER,
    kind: t("zh", `kind-${kind}`),
    firm: firmName(firm, "zh"),
    uscc: firm.uscc,
    area: t("zh", `option-area-${firm.areaCode}`),
    firstDue: beijingTime("zh", dues.firstResponseDueAt),
    due: beijingTime("zh", dues.resolutionDueAt),
    calendarWarning: warningText("zh", warnings),
    summary,
    // Filed by someone whose claim on the firm awaits verification: the specialist sees it at once.
    unverified: actingMembership(ctx)?.membership.status === "unverified" ? ` ${t("zh", "firm-unverified-mark")}` : "",
  };
  // The firm's words may be longer than a message holds: cut, they point to /case, which shows them whole.
  const pointer = t("zh", "full-text-at", { command: `/case ${REF_PLACEHOLDER}` });
  // Written in English, the firm's words (the queue's notice shows only the summary) are followed by
  // their machine translation, filled in when the notice is sent.
  const translation = crossing(owner ? originalText(draft) : summary, "zh", pointer);
  const slot = translation ? `\n${TRANSLATION_SLOT}` : "";
  const text = fitText((cut) => t("zh", owner ? "owner-assigned" : "queue-assigned", { ...zhFacts, original: cut(originalText(draft)) }) + slot, { pointer, limit: limitWithTranslation }).text;
  const notice = withTranslation({ text, parse_mode: "HTML" as const, reply_markup: ownerKeyboard(caseId, kind) }, translation);
  const first = records[0]!;
  const unitNames = owner ? { zh: owner.unitNameZh, en: owner.unitNameEn } : null;
  // A queued case goes to the department, whose first step takes it: the same buttons.
  // It quotes the filer's answers.
  const notices: RenderedNotice[] = [{ key: `case:${caseId}:assigned:`, recipients: ownerAudience(route.ownerId), payloads: { zh: notice, en: notice }, about: ctx.from!.id }];
  if (owner) {
    notices.push({
      key: `status:${caseId}:assigned:`,
      recipients: firmMembers(firm.id, caseId),
      payloads: statusUpdatePayloads({
        ref: REF_PLACEHOLDER,
        status: "assigned",
        next: (locale) => nextText(locale, { obligation: "first_response", dueAt: first.dueAt, clock: first.clock }, rules.calendar),
        unit: unitNames,
        link,
      }),
    });
  }
  unit.write(
    ...newCaseWrites(
      db,
      {
        id: caseId,
        firmId: firm.id,
        createdBy: ctx.from!.id,
        kind,
        summary,
        details: draft,
        receivedAt: unit.now,
        year: beijingYear(unit.now),
        obligations: records,
        calendarWarning: warning,
        ownerId: route.ownerId,
        routingRule: route.rule,
        publicTokenHash: await sha256Hex(token),
      },
      notices,
      unit.now,
    ),
  );

  // A deadline computed without an official schedule: admins hear of it, once a day per year.
  for (const year of new Set(warnings.map((w: CalendarWarning) => w.year))) {
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

  // The batch numbers the case: the confirmation names it by placeholder, filled in by the batch.
  unit.citeRefOf(caseId);
  const dueFor = (locale: Locale, o: (typeof records)[number]) => (o.clock === "hours" ? beijingTime(locale, o.dueAt) : dueText(locale, o.dueAt, rules.calendar));
  const principal = records[records.length - 1]!;
  const args = (locale: Locale) => ({
    kind: t(locale, `kind-${kind}`),
    ref: REF_PLACEHOLDER,
    rule: deadlineRuleText(locale, policy),
    due: dueFor(locale, principal),
    firstDue: dueFor(locale, first),
  });
  const confirm = (locale: Locale) => `${t(locale, "case-submitted", args(locale))}\n${warningText(locale, warnings)}`.trim();
  await replyHtml(ctx, `${confirm(ctx.locale)}\n\n${confirm(otherLocale(ctx.locale))}\n\n${link}`);
}
