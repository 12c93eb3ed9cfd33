// The case page's routes: GET shows it; each POST (CSRF token and the case version it was shown
// at) goes through the case module — decide + decisionWrites for a step, decideNotice +
// signWrites / replyWrites for a supervision notice — and writes in one batch, guarded so a change
// made meanwhile rolls the whole batch back (the viewer is told to reload). Refusals come back on
// the page in both languages, naming the action, the field and the rule.
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { renderNotices } from "../../bots/case-notices.ts";
import { issuedPayloads, issuerName, noticeDocument, noticeDocumentHtml, type DocumentCase, type DocumentNotice, type DocumentUnit } from "../../bots/notice-document.ts";
import { noticeSnapshot } from "../../db/case-snapshot.ts";
import { decisionWrites, type RenderedNotice } from "../../db/case-writes.ts";
import type { DbHandle } from "../../db/client.ts";
import { bizenvDepartment, noticeAddressees } from "../../db/queries/audiences.ts";
import { replyWrites, signWrites } from "../../db/supervision-writes.ts";
import { decide } from "../../domain/case-rules.ts";
import { openObligations } from "../../domain/obligations.ts";
import { DEFAULT_LADDER, decideNotice, overdueBy, rectificationDeadline } from "../../domain/supervision.ts";
import type { SpecialistRole, SupervisionNoticeType } from "../../domain/vocabulary.ts";
import { caseLink, existingCaseToken } from "../../lib/case-token.ts";
import type { WebSettings } from "./env.ts";
import { visibleCase, type CaseRead } from "./case-data.ts";
import { commandOf, formOf, isStepAction, problemsOf, STEP_FORMS } from "./case-forms.ts";
import { casePage, viewerActor, type Outcome } from "./case-page.ts";
import { caseTranslations } from "./case-translations.ts";
import { translatorOf } from "../translator.ts";
import { t } from "./i18n.ts";
import { dbOf, requireViewer, webLocale, type WebBindings } from "./session.ts";

type Item = BatchItem<"sqlite">;
type Notice = CaseRead["notices"][number];

export const caseRoutes = new Hono<WebBindings>();
caseRoutes.use("/web/cases/:ref", requireViewer());
caseRoutes.use("/web/cases/:ref/*", requireViewer());

/** The case's link, made again with whichever of the keys this Worker holds made it; else the bot's /status, as the bot says when a key is gone. */
async function progressLink(settings: WebSettings, c: CaseRead["case"]): Promise<string> {
  const token = await existingCaseToken(settings, c);
  return token ? caseLink(settings, token) : `/status ${c.ref}`;
}

/** What the notice's document names, as of `now`, with the deadline the sign-off sets (NUMBER_PLACEHOLDER until it numbers it). */
function documentOf(c: CaseRead, n: Notice, now: number, deadlineAt: number): [DocumentNotice, DocumentCase, DocumentUnit, string, number] {
  const missed = c.obligations.find((o) => o.obligation === n.notice.obligation && o.dueAt === n.notice.missedDueAt) ?? c.obligations.find((o) => o.obligation === n.notice.obligation);
  const clock = missed?.clock ?? "working_days";
  return [
    { notice: n.notice.notice as SupervisionNoticeType, obligation: n.notice.obligation, missedDueAt: n.notice.missedDueAt, clock, overdue: overdueBy(c.rules.calendar, { clock, dueAt: n.notice.missedDueAt }, now).amount, deadlineAt },
    { ref: c.case.ref, kind: c.case.kind, firm: c.firm.nameZh ?? c.firm.nameEn ?? c.firm.uscc, receivedAt: c.case.receivedAt },
    { name: n.unitZh ?? c.issuer?.nameZh ?? "—", principal: n.principal },
    issuerName(c.issuer?.nameZh),
    now,
  ];
}

/** A draft's preview on the page: the deadline it would get if signed now. */
function previewOf(c: CaseRead, now: number) {
  return (n: Notice) => noticeDocument(...documentOf(c, n, now, rectificationDeadline(c.rules.calendar, DEFAULT_LADDER, now)));
}

async function show(c: Context<WebBindings>, found: CaseRead, outcome?: Outcome, status: 200 | 400 | 403 | 409 = 200) {
  const now = c.get("now")();
  const locale = webLocale(c);
  const translations = await caseTranslations(dbOf(c), found, locale, translatorOf(c.env, c.get("settings")), now);
  return c.html(casePage(locale, c.get("viewer"), found, now, previewOf(found, now), translations, outcome), status);
}

const unknown = (c: Context<WebBindings>) => c.notFound();

/** Runs `items` in one write batch that rolls back whole unless `still` holds when it starts; false: it did not. */
async function guardedBatch(handle: DbHandle, still: SQL, items: Item[]): Promise<boolean> {
  const { db } = handle;
  try {
    await db.batch([db.run(sql`INSERT INTO tx_guard (ok) SELECT CASE WHEN ${still} THEN 1 ELSE 0 END`), ...items, db.run(sql`DELETE FROM tx_guard`)]);
    return true;
  } catch (error) {
    const text = `${(error as Error)?.message ?? ""} ${String((error as { cause?: unknown })?.cause ?? "")}`;
    if (/CHECK constraint failed: tx_guard_ok/.test(text)) return false;
    throw error;
  }
}

/** The case as of the form, or the reason to stop: unknown (404), or changed since the page was shown (409). */
async function caseOfForm(c: Context<WebBindings>): Promise<{ found: CaseRead; form: Record<string, string> } | Response> {
  const found = await visibleCase(dbOf(c), c.req.param("ref") ?? "", c.get("viewer"), c.get("now")());
  if (!found) return unknown(c);
  const form = await formOf(c);
  if (form.version !== String(found.case.version)) return show(c, found, { stale: true }, 409);
  return { found, form };
}

caseRoutes.get("/web/cases/:ref", async (c) => {
  const found = await visibleCase(dbOf(c), c.req.param("ref"), c.get("viewer"), c.get("now")());
  if (!found) return unknown(c);
  const done = c.req.query("done");
  return show(c, found, done && /^[a-z_]{1,30}$/.test(done) && (isStepAction(done) || done === "sign" || done === "notice_reply") ? { done } : undefined);
});

caseRoutes.post("/web/cases/:ref/:action", async (c) => {
  const action = c.req.param("action");
  if (!isStepAction(action)) return unknown(c);
  const read = await caseOfForm(c);
  if (read instanceof Response) return read;
  const { found, form } = read;
  const viewer = c.get("viewer");
  const now = c.get("now")();
  const problems = problemsOf(STEP_FORMS[action], form, { specialist: found.invitable.map((p) => p.id) });
  const command = problems.length ? problems : commandOf(action, form, { toUnitId: found.pending?.unitId ?? null });
  if (Array.isArray(command)) return show(c, found, { problems: command, action, form }, 400);
  const decision = decide(found.snapshot, command, viewerActor(viewer), found.rules);
  if (!decision.ok) return show(c, found, { refused: decision, action }, decision.reason === "not_allowed" ? 403 : 409);
  const k = found.case;
  const newOwner = decision.patch.ownerId === undefined ? k.ownerId : decision.patch.ownerId;
  const unit =
    newOwner === null
      ? null
      : newOwner === k.ownerId && found.ownerUnit
        ? { zh: found.ownerUnit.nameZh, en: found.ownerUnit.nameEn }
        : newOwner === viewer.id
          ? { zh: viewer.unitZh, en: viewer.unitEn }
          : newOwner === k.pendingOwnerId && found.pendingUnit
            ? { zh: found.pendingUnit.nameZh, en: found.pendingUnit.nameEn }
            : null;
  const notices = renderNotices(
    decision.notices,
    { id: k.id, ref: k.ref, kind: decision.patch.kind ?? k.kind, firmId: k.firmId, ownerId: newOwner, unit, link: await progressLink(c.get("settings"), k), calendar: found.rules.calendar },
    decision.status,
    `web:${action}:v${k.version}`,
  );
  const handle = dbOf(c);
  const writes = decisionWrites(handle.db, { current: k, decision, actor: { type: "specialist", id: viewer.id }, now, all: found.snapshot.obligations, notices });
  const done = await guardedBatch(handle, sql`(SELECT version FROM cases WHERE id = ${k.id}) = ${k.version}`, writes);
  if (!done) return show(c, found, { stale: true }, 409);
  return c.redirect(`/web/cases/${k.ref}?done=${action}`, 303);
});

/** Sign-off (签发) by a department officer, or the addressed unit's written reply (整改情况). */
caseRoutes.post("/web/cases/:ref/notices/:id/:what", async (c) => {
  const what = c.req.param("what");
  if (what !== "sign" && what !== "reply") return unknown(c);
  const read = await caseOfForm(c);
  if (read instanceof Response) return read;
  const { found, form } = read;
  const n = found.notices.find((x) => x.notice.id === c.req.param("id"));
  if (!n) return unknown(c);
  const viewer = c.get("viewer");
  const now = c.get("now")();
  const handle = dbOf(c);
  const snapshot = noticeSnapshot({ ...n.notice, caseId: found.case.id });
  const signer = { type: "specialist" as const, id: viewer.id };
  if (what === "reply") {
    const text = form.reply ?? "";
    if (!text || [...text].length > 4000) return show(c, found, { problems: [{ field: "reply", rule: text ? "web-case-rule-max" : "api-rule-required", args: { max: "4000" } }], action: "notice_reply", form }, 400);
    const decision = decideNotice(snapshot, { action: "reply", text }, { role: viewer.role as SpecialistRole, unitId: viewer.unitId, id: viewer.id }, false, found.rules.calendar, DEFAULT_LADDER, now);
    if (!decision.ok) return show(c, found, { noticeRefused: decision.reason }, decision.reason === "not_allowed" ? 403 : 409);
    const told: RenderedNotice = {
      key: `notice:${n.notice.id}:replied:`,
      recipients: bizenvDepartment(),
      payloads: zhOnly(t("zh", "web-notice-replied-told", { ref: found.case.ref, unit: n.unitZh ?? "—", title: t("zh", `fig-level-${n.notice.level}`), number: n.notice.number ?? "—", text })),
    };
    const open = sql`EXISTS (SELECT 1 FROM supervision_notices WHERE id = ${n.notice.id} AND status = 'signed' AND replied_at IS NULL)`;
    if (!(await guardedBatch(handle, open, replyWrites(handle.db, { notice: snapshot, by: signer, text, told: [told], now })))) return show(c, found, { stale: true }, 409);
    return c.redirect(`/web/cases/${found.case.ref}?done=notice_reply#notice-${n.notice.id}`, 303);
  }
  const stillOpen = openObligations(found.snapshot.obligations).some((o) => o.obligation === n.notice.obligation);
  const decision = decideNotice(snapshot, { action: "sign" }, { role: viewer.role as SpecialistRole, unitId: viewer.unitId, id: viewer.id }, stillOpen, found.rules.calendar, DEFAULT_LADDER, now);
  if (!decision.ok) return show(c, found, { noticeRefused: decision.reason }, decision.reason === "not_allowed" ? 403 : 409);
  if (decision.action !== "sign") return unknown(c);
  const document = documentOf(found, n, now, decision.deadlineAt);
  // Issued to the unit: its head(s) and group, and the case's owner and deputy, as a sign-off in chat sends it.
  const recipients: RenderedNotice[] = [
    { key: `notice:${n.notice.id}:issued:`, recipients: noticeAddressees(n.notice.unitId ?? "", found.case.ownerId), payloads: issuedPayloads(noticeDocumentHtml(...document), n.notice.id) },
  ];
  const draft = sql`EXISTS (SELECT 1 FROM supervision_notices WHERE id = ${n.notice.id} AND status = 'draft')`;
  const writes = signWrites(handle.db, { notice: snapshot, signer, year: decision.year, deadlineAt: decision.deadlineAt, document: noticeDocument(...document), prefix: DEFAULT_LADDER.numberPrefix, recipients, now });
  if (!(await guardedBatch(handle, draft, writes))) return show(c, found, { stale: true }, 409);
  return c.redirect(`/web/cases/${found.case.ref}?done=sign#notice-${n.notice.id}`, 303);
});

/** Staff read Chinese; the department's notes go as plain text. */
const zhOnly = (text: string) => ({ zh: { text }, en: { text } });
