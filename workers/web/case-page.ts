// The case page of the supervisors' web (GET /web/cases/:ref): the facts, the obligations with
// their dues (Beijing time) and who met them, the ledger in order, the supervision notices with
// their replies, the co-handlers, and the forms of the steps the viewer may take now. Labels of
// the case vocabulary come from the bot's catalogs (its translator's output is HTML already);
// the page's own words from the web's.
import { html, raw } from "hono/html";
import { t as label } from "../../lib/i18n.ts";
import { beijingMinute } from "../../domain/calendar.ts";
import { gate, type Actor, type Refused } from "../../domain/case-rules.ts";
import { maySign, mayReply } from "../../domain/supervision.ts";
import type { SpecialistRole } from "../../domain/vocabulary.ts";
import type { Problem } from "./admin-shell.ts";
import type { CaseRead } from "./case-data.ts";
import { HEARING_FORMS, STEP_FORMS, YES_NO, type Form, type StepAction } from "./case-forms.ts";
import { t, type Locale } from "./i18n.ts";
import { csrfField, page, signedInHeader, type Viewer } from "./layout.ts";

/** What the page says above everything after a POST: done, a refusal, bad fields, or a stale form. */
export type Outcome =
  | { done: string }
  | { refused: Refused; action: string }
  | { noticeRefused: string }
  | { problems: Problem[]; action: string; form: Form }
  | { stale: true };

/** The bot's label keys of the web's actions (sp-action-*). */
const ACTION_LABEL: Record<StepAction, string> = {
  acknowledge: "ack",
  reply: "reply",
  request_info: "info",
  assess: "assess",
  record_meeting: "held",
  record_hearing: "hearing",
  answer: "answer",
  needs_study: "study",
  resolve: "resolve",
  invite_co_handler: "cohandle",
  approve_transfer: "approve",
};

export const actionLabel = (locale: Locale, action: string) => (action in ACTION_LABEL ? label(locale, `sp-action-${ACTION_LABEL[action as StepAction]}`) : action);

export function viewerActor(viewer: Viewer): Extract<Actor, { type: "specialist" }> {
  return { type: "specialist", id: viewer.id, role: viewer.role as SpecialistRole, unitId: viewer.unitId };
}


/** A refusal of the case rules in both languages, with the values it names. */
export function refusalLine(locale: Locale, refused: Refused, ref: string): string {
  const args: Record<string, string | number> = { ref };
  for (const [key, value] of Object.entries(refused.args)) {
    if (key === "obligation") args[key] = label(locale, `obligation-${value}`);
    else if (key === "due" && typeof value === "number") args[key] = beijingMinute(value);
    else args[key] = value;
  }
  return label(locale, `refusal-${refused.reason}`, args);
}

/** The field a refusal is about, when it is about one the form has. */
const REFUSAL_FIELD: Partial<Record<Refused["reason"], string>> = {
  reason_required: "reason",
  held_in_future: "held_on",
  delegation_needs_approval: "approver",
  study_date: "new_date",
  study_after_due: "new_date",
  already_co_handler: "specialist",
  meeting_after_due: "date",
};

const fieldLabel = (locale: Locale, field: string) => (field === "specialist" ? t(locale, "web-field-specialistId") : field === "reply" ? t(locale, "web-case-field-reply") : label(locale, `field-${field}`));

function outcomeBlock(c: CaseRead, outcome: Outcome | undefined) {
  if (!outcome) return "";
  if ("done" in outcome) return html`<p class="ok" role="status">${t("zh", `web-case-done-${outcome.done}`)} / ${t("en", `web-case-done-${outcome.done}`)}</p>`;
  if ("stale" in outcome) return html`<p class="error" role="alert">${t("zh", "web-case-stale")} / ${t("en", "web-case-stale")}</p>`;
  if ("noticeRefused" in outcome) return html`<p class="error" role="alert">${t("zh", `web-notice-refusal-${outcome.noticeRefused}`)} / ${t("en", `web-notice-refusal-${outcome.noticeRefused}`)}</p>`;
  if ("refused" in outcome) {
    const field = REFUSAL_FIELD[outcome.refused.reason];
    const where = (locale: Locale) => `${actionLabel(locale, outcome.action)}${field ? ` · ${fieldLabel(locale, field)}` : ""}`;
    return html`<div class="error" role="alert"><p>${where("zh")} / ${where("en")}</p><p>${raw(refusalLine("zh", outcome.refused, c.case.ref))}</p><p>${raw(refusalLine("en", outcome.refused, c.case.ref))}</p></div>`;
  }
  const line = (locale: Locale, p: Problem) => t(locale, "web-bad-filter", { field: fieldLabel(locale, p.field), rule: t(locale, p.rule, p.args) });
  return html`<ul class="error" role="alert">${outcome.problems.map((p) => html`<li>${line("zh", p)} / ${line("en", p)}</li>`)}</ul>`;
}

const name = (locale: Locale, zh: string | null | undefined, en: string | null | undefined) => (locale === "zh" ? (zh ?? en) : (en ?? zh)) ?? "—";

function actorText(locale: Locale, type: string, actorName: string | null, actorId: string | null) {
  if (type === "specialist") return actorName ?? actorId ?? "—";
  return t(locale, `web-case-actor-${type === "investor" ? "investor" : "system"}`);
}

/** The words of an event's data worth reading in the ledger (a reply, a reason, an outcome). */
export function eventDetail(data: unknown): string {
  if (!data || typeof data !== "object") return "";
  const d = data as Record<string, unknown>;
  for (const key of ["text", "request", "reason", "outcome", "summary", "comment", "official", "name"]) if (typeof d[key] === "string" && d[key]) return d[key] as string;
  return "";
}

/** A detail the firm gave, labelled as its intake form labels it (the key itself when the form is gone). */
function detailLabel(locale: Locale, key: string) {
  try {
    return raw(label(locale, `field-${key}`));
  } catch {
    return key;
  }
}

/** A free text with its machine translation for this reader, when it has one (labelled; the original first). */
const withTranslation = (locale: Locale, text: string, translations: Translations) => {
  const translated = translations.get(text);
  return translated ? html`${text}<div class="mt">${raw(label(locale, "machine-translation", { text: translated }))}</div>` : text;
};

/** Machine translations of the page's free texts, by original (workers/web/case-translations.ts). */
export type Translations = Map<string, string>;

function whoMet(c: CaseRead, metBy: string | null): string {
  if (!metBy) return "—";
  const known = [c.owner, ...c.coHandlers, ...c.invitable].find((p) => p?.id === metBy);
  return known?.name ?? c.events.find((e) => e.event.actorId === metBy)?.actorName ?? metBy;
}

/** Hidden fields every form of the page carries: the CSRF token and the case version it was shown at. */
const hidden = (viewer: Viewer, c: CaseRead) => html`${csrfField(viewer)}<input type="hidden" name="version" value="${c.case.version}">`;

function stepForm(locale: Locale, viewer: Viewer, c: CaseRead, action: StepAction, form: Form) {
  const v = (k: string) => form[k] ?? "";
  const fields = STEP_FORMS[action].map((f) => {
    const title = fieldLabel(locale, f.name);
    if (f.type === "date") return html`<label>${title}<input type="date" name="${f.name}" value="${v(f.name)}" required></label>`;
    if (f.type === "text") {
      const attrs = raw(`maxlength="${f.max}"${"optional" in f && f.optional ? "" : " required"}`);
      return f.max > 300 ? html`<label>${title}<textarea name="${f.name}" rows="3" ${attrs}>${v(f.name)}</textarea></label>` : html`<label>${title}<input name="${f.name}" value="${v(f.name)}" ${attrs}></label>`;
    }
    const options: { value: string; text: string }[] =
      f.name === "specialist"
        ? c.invitable.filter((p) => p.id !== c.case.ownerId && !c.snapshot.coHandlers.includes(p.id)).map((p) => ({ value: p.id, text: `${p.name} · ${name(locale, p.unitZh, p.unitEn)}` }))
        : f.name === "urgency"
          ? f.choices.map((o) => ({ value: o, text: label(locale, `option-urgency-${o}`) }))
          : f.name === "form"
            ? HEARING_FORMS.map((o) => ({ value: o, text: label(locale, `option-hearing-form-${o}`) }))
            : YES_NO.map((o) => ({ value: o, text: label(locale, `option-yesno-${o}`) }));
    return html`<label>${title}<select name="${f.name}">${options.map((o) => html`<option value="${o.value}" ${o.value === v(f.name) ? raw("selected") : ""}>${o.text}</option>`)}</select></label>`;
  });
  const extra = action === "approve_transfer" && c.pending ? html`<span>${t(locale, "web-case-transfer-to", { name: c.pending.name, unit: name(locale, c.pendingUnit?.nameZh, c.pendingUnit?.nameEn) })}</span>` : "";
  return html`<form class="filters step" id="step-${action}" method="post" action="/web/cases/${c.case.ref}/${action}">${hidden(viewer, c)}${extra}${fields}<button>${actionLabel(locale, action)}</button></form>`;
}

function noticesBlock(locale: Locale, viewer: Viewer, c: CaseRead, preview: (n: CaseRead["notices"][number]) => string, translations: Translations) {
  if (c.notices.length === 0) return html`<p>${t(locale, "web-case-no-notices")}</p>`;
  const role = viewer.role as SpecialistRole;
  return c.notices.map(({ notice: n, unitZh, unitEn }) => {
    const title = t(locale, `fig-level-${n.level}`);
    const signForm = n.status === "draft" && maySign(role)
      ? html`<form method="post" action="/web/cases/${c.case.ref}/notices/${n.id}/sign">${hidden(viewer, c)}<button>${t(locale, "web-notice-sign")}</button></form>`
      : "";
    const replyForm = n.status === "signed" && n.repliedAt === null && n.unitId !== null && mayReply({ role, unitId: viewer.unitId }, n.unitId)
      ? html`<form class="filters" method="post" action="/web/cases/${c.case.ref}/notices/${n.id}/reply">${hidden(viewer, c)}<label>${t(locale, "web-case-field-reply")}<textarea name="reply" rows="4" maxlength="4000" required></textarea></label><button>${t(locale, "web-notice-reply")}</button></form>`
      : "";
    return html`<div class="card notice" id="notice-${n.id}"><h3>${title} · ${n.number ?? t(locale, "web-notice-unnumbered")} · <span class="notice-status">${t(locale, `web-notice-status-${n.status}`)}</span></h3>
<dl><dt>${t(locale, "web-notice-unit")}</dt><dd>${name(locale, unitZh, unitEn)}</dd>
<dt>${t(locale, "web-notice-obligation")}</dt><dd>${raw(label(locale, `obligation-${n.obligation}`))} · ${t(locale, "web-notice-missed", { due: beijingMinute(n.missedDueAt) })}</dd>
<dt>${t(locale, "web-notice-drafted")}</dt><dd>${beijingMinute(n.draftedAt)}</dd>
${n.signedAt !== null ? html`<dt>${t(locale, "web-notice-signed")}</dt><dd>${beijingMinute(n.signedAt)} · ${whoMet(c, n.signedBy)}</dd>` : ""}
${n.deadlineAt !== null ? html`<dt>${t(locale, "web-notice-deadline")}</dt><dd>${beijingMinute(n.deadlineAt)}</dd>` : ""}
<dt>${t(locale, "web-notice-reply-title")}</dt><dd class="notice-reply">${n.replyText === null ? t(locale, "web-notice-no-reply") : html`${withTranslation(locale, n.replyText, translations)} (${beijingMinute(n.repliedAt ?? 0)})`}</dd></dl>
${n.status === "void" ? "" : html`<pre class="document">${n.text ?? preview({ notice: n, unitZh, unitEn, principal: null })}</pre>`}
${signForm}${replyForm}</div>`;
  });
}

/** The steps the viewer may take on this case now (those the case rules let through their gates). */
function availableSteps(viewer: Viewer, c: CaseRead): StepAction[] {
  const actor = viewerActor(viewer);
  return (Object.keys(STEP_FORMS) as StepAction[]).filter((action) => {
    if (action === "approve_transfer" && !c.case.pendingOwnerId) return false;
    return !("ok" in gate(c.snapshot, action, actor));
  });
}

export function casePage(locale: Locale, viewer: Viewer, c: CaseRead, now: number, preview: (n: CaseRead["notices"][number]) => string, translations: Translations, outcome?: Outcome) {
  const k = c.case;
  const refusedForm = outcome && "form" in outcome ? outcome : undefined;
  const details = k.details && typeof k.details === "object" ? Object.entries(k.details as Record<string, unknown>).filter(([, v]) => typeof v === "string" && v) : [];
  const latestCycle = Math.max(0, ...c.obligations.map((o) => o.cycle));
  const steps = availableSteps(viewer, c);
  const body = html`${signedInHeader(locale, viewer, "cases", `/web/cases/${k.ref}?lang=${locale === "zh" ? "en" : "zh"}`)}
<p><a href="/web/cases">${t(locale, "web-case-back")}</a></p>
<h1>${k.ref} · ${raw(label(locale, `kind-${k.kind}`))} · ${raw(label(locale, `status-${k.status}`))}${k.escalationLevel > 0 ? html` · <span class="overdue">${t(locale, "web-case-supervised", { level: k.escalationLevel })}</span>` : ""}</h1>
${outcomeBlock(c, outcome)}
<section class="card"><h2>${t(locale, "web-case-facts")}</h2><dl class="facts">
<dt>${t(locale, "web-col-firm")}</dt><dd>${name(locale, c.firm.nameZh, c.firm.nameEn)} (${c.firm.uscc})</dd>
<dt>${t(locale, "web-case-summary")}</dt><dd>${withTranslation(locale, k.summary, translations)}</dd>
${details.map(([key, value]) => html`<dt>${detailLabel(locale, key)}</dt><dd>${withTranslation(locale, String(value), translations)}</dd>`)}
<dt>${t(locale, "web-col-received")}</dt><dd>${beijingMinute(k.receivedAt)}</dd>
${k.channel !== "telegram"
    ? html`<dt>${raw(label(locale, "field-channel"))}</dt><dd class="channel">${raw(label(locale, `option-channel-${k.channel}`))}${k.ticketNo ? ` ${k.ticketNo}` : ""}</dd>
<dt>${raw(label(locale, "field-caller_name"))}</dt><dd>${[k.contactName, k.contactPhone].filter(Boolean).join(" ")}</dd>`
    : ""}
<dt>${t(locale, "web-col-owner")}</dt><dd>${c.owner ? `${c.owner.name} · ${name(locale, c.ownerUnit?.nameZh, c.ownerUnit?.nameEn)}` : raw(label(locale, "unit-queue"))}</dd>
${c.pending ? html`<dt>${t(locale, "web-case-pending")}</dt><dd>${c.pending.name} · ${name(locale, c.pendingUnit?.nameZh, c.pendingUnit?.nameEn)}</dd>` : ""}
${k.meetingAt ? html`<dt>${t(locale, "web-case-meeting")}</dt><dd>${beijingMinute(k.meetingAt)}</dd>` : ""}
${k.calendarWarning ? html`<dt>${t(locale, "web-case-calendar")}</dt><dd class="overdue">${k.calendarWarning}</dd>` : ""}
</dl></section>
<section class="card"><h2>${t(locale, "web-case-obligations")}</h2><table class="obligations"><thead><tr>${["name", "cycle", "due", "state", "met-at", "met-by"].map((col) => html`<th>${t(locale, `web-case-col-${col}`)}</th>`)}</tr></thead><tbody>
${c.obligations.map((o) => {
  const overdue = o.state === "open" && o.dueAt < now;
  const marks = [o.moved ? t(locale, "web-case-moved", { from: beijingMinute(o.originalDueAt) }) : "", o.state === "cancelled" ? t(locale, "web-case-cancelled") : ""].filter(Boolean).join(" · ");
  return html`<tr class="${o.cycle === latestCycle ? "" : "past"}"><td>${raw(label(locale, `obligation-${o.obligation}`))}</td><td>${o.cycle}</td><td>${beijingMinute(o.dueAt)}${marks ? html` <small>${marks}</small>` : ""}</td>
<td>${t(locale, `web-case-state-${o.state}`)}${overdue ? html` <span class="overdue">${t(locale, "web-overdue")}</span>` : ""}</td><td>${o.metAt === null ? "—" : beijingMinute(o.metAt)}</td><td>${whoMet(c, o.metBy)}</td></tr>`;
})}</tbody></table></section>
<section class="card"><h2>${t(locale, "web-case-steps")}</h2>${steps.length === 0 ? html`<p>${t(locale, "web-case-no-steps")}</p>` : steps.map((action) => stepForm(locale, viewer, c, action, refusedForm?.action === action ? refusedForm.form : {}))}</section>
<section class="card"><h2>${t(locale, "web-case-co-handlers")}</h2>${c.coHandlers.length === 0 ? html`<p>${t(locale, "web-case-no-co-handlers")}</p>` : html`<ul class="co-handlers">${c.coHandlers.map((h) => html`<li>${h.name} · ${name(locale, h.unitZh, h.unitEn)} · ${beijingMinute(h.addedAt)}</li>`)}</ul>`}</section>
<section><h2>${t(locale, "web-case-notices")}</h2>${noticesBlock(locale, viewer, c, preview, translations)}</section>
<section class="card"><h2>${t(locale, "web-case-timeline")}</h2><table class="timeline"><thead><tr>${["at", "event", "actor", "detail"].map((col) => html`<th>${t(locale, `web-case-col-${col}`)}</th>`)}</tr></thead><tbody>
${c.events.map(({ event: e, actorName }) => html`<tr><td>${beijingMinute(e.at)}</td><td>${raw(label(locale, `event-${e.type}`))}${e.toStatus && e.fromStatus && e.fromStatus !== e.toStatus ? html` → ${raw(label(locale, `status-${e.toStatus}`))}` : ""}</td><td>${actorText(locale, e.actorType, actorName, e.actorId)}</td><td>${withTranslation(locale, eventDetail(e.data), translations)}</td></tr>`)}
</tbody></table></section>`;
  return page(locale, `${k.ref} · ${t(locale, "web-title")}`, body);
}
