// Claims on firms, verified in the web: the list of claims the signed-in specialist may verify
// (the firm's specialist; with none who can be reached, the business-environment department), and
// the decision, a CSRF-protected POST that goes through the same statement as the bot's buttons
// (db/queries/firms.ts), audited as web:<specialist id>.
import { Hono } from "hono/tiny";
import { html } from "hono/html";
import { and, eq, sql } from "drizzle-orm";
import { claimDecided, claimsVerifiableBy, decideClaim } from "../../db/queries/firms.ts";
import { firmMembers, firms } from "../../db/schema.ts";
import { beijingMinute } from "../../domain/calendar.ts";
import { claimNotice } from "../../bots/claim-notice.ts";
import { escapeHtml } from "../../lib/fluent.ts";
import { actorOf } from "./admin-shell.ts";
import { t, type Locale } from "./i18n.ts";
import { csrfField, page, signedInHeader } from "./layout.ts";
import { dbOf, requireViewer, webLocale, type WebBindings } from "./session.ts";

export const claimRoutes = new Hono<WebBindings>();
claimRoutes.use("/web/claims", requireViewer());
claimRoutes.use("/web/claims/*", requireViewer());

const firmLabel = (f: { nameZh: string | null; nameEn: string | null }, locale: Locale) => (locale === "zh" ? (f.nameZh ?? f.nameEn) : (f.nameEn ?? f.nameZh)) ?? "—";

claimRoutes.get("/web/claims", async (c) => {
  const locale = webLocale(c);
  const viewer = c.get("viewer");
  const claims = await claimsVerifiableBy(dbOf(c).db, viewer.id);
  const done = c.req.query("done");
  const csrf = csrfField(viewer);
  const rows = claims.map(
    (m) => html`<tr><td>${firmLabel(m, locale)} (${m.uscc}, ${t(locale, `option-area-${m.areaCode}`)})</td><td>${m.contact ?? "—"} · ${m.phone ?? "—"} · Telegram ${m.telegramId}</td>
<td>${beijingMinute(m.claimedAt)}</td>
<td><form method="post" action="/web/claims/${m.firmId}/${m.telegramId}">${csrf}<button name="decision" value="verify">${t(locale, "claim-button-verify")}</button>
<button name="decision" value="reject">${t(locale, "claim-button-reject")}</button></form></td></tr>`,
  );
  return c.html(
    page(
      locale,
      t(locale, "claims-title"),
      html`${signedInHeader(locale, viewer, "claims", `/web/claims?lang=${locale === "zh" ? "en" : "zh"}`)}
<h1>${t(locale, "claims-title")}</h1>${done === "verified" || done === "rejected" ? html`<p class="ok">${t(locale, `claims-done-${done}`)}</p>` : ""}
<p>${t(locale, "claims-intro")}</p>
${claims.length === 0 ? html`<p>${t(locale, "claims-empty")}</p>` : html`<table><thead><tr>${["firm", "claimant", "claimed"].map((k) => html`<th>${t(locale, `claims-col-${k}`)}</th>`)}<th></th></tr></thead><tbody>${rows}</tbody></table>`}`,
    ),
  );
});

claimRoutes.post("/web/claims/:firmId/:telegramId", async (c) => {
  const locale = webLocale(c);
  const firmId = c.req.param("firmId");
  const claimant = Number(c.req.param("telegramId"));
  const decision = String((await c.req.parseBody()).decision ?? "");
  if (!Number.isSafeInteger(claimant) || (decision !== "verify" && decision !== "reject")) return c.notFound();
  const handle = dbOf(c);
  const { db } = handle;
  const [[claim]] = await handle.readBatch([
    db
      .select({ nameZh: firms.nameZh, nameEn: firms.nameEn })
      .from(firmMembers)
      .innerJoin(firms, eq(firms.id, firmMembers.firmId))
      .where(and(eq(firmMembers.firmId, firmId), eq(firmMembers.telegramId, claimant), eq(firmMembers.status, "unverified"))),
  ]);
  const refuse = () => c.html(page(locale, t(locale, "claims-title"), html`<p class="error">${t(locale, "claim-not-allowed")}</p><p><a href="/web/claims">${t(locale, "web-nav-claims")}</a></p>`), 403);
  if (!claim) return refuse();
  const verify = decision === "verify";
  const decider = { specialistId: c.get("viewer").id };
  const now = c.get("now")();
  const decided = claimDecided(firmId, claimant, verify ? "active" : "rejected", decider);
  const notice = claimNotice(t, verify, (l) => escapeHtml(firmLabel(claim, l)));
  const [, , , [after]] = await db.batch([
    ...decideClaim(db, firmId, claimant, decider, verify, notice, now),
    // The audit trail records the decision only if it is the one that took effect.
    db.run(sql`INSERT INTO audit_events (at, actor, action, target, data)
               SELECT ${now}, ${actorOf(c)}, ${verify ? "claim.verify" : "claim.reject"}, ${firmId}, ${JSON.stringify({ telegramId: claimant })} WHERE ${decided}`),
    db.all<{ ok: number }>(sql`SELECT ${decided} AS ok`),
  ]);
  if (!after?.ok) return refuse();
  return c.redirect(`/web/claims?done=${verify ? "verified" : "rejected"}`, 303);
});
