// Undelivered messages (dead letters): what Telegram, a group robot or the portal would never take, with the
// channel's error and whom it was for, never the message's words; each can be sent again.
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { html } from "hono/html";
import { redriveOutbox } from "../../db/queries/admin.ts";
import { deadLetterCount, deadLetters } from "../../db/queries/outbox.ts";
import { beijingMinute } from "../../domain/calendar.ts";
import { actorOf, adminPage, notice } from "./admin-shell.ts";
import { t, type Locale } from "./i18n.ts";
import { csrfField } from "./layout.ts";
import { dbOf, webLocale, type WebBindings } from "./session.ts";

export const outboxRoutes = new Hono<WebBindings>();

type DeadLetter = Awaited<ReturnType<typeof deadLetters>>[number];

function recipient(locale: Locale, row: DeadLetter): string {
  if (row.channel === "portal") return t(locale, "admin-outbox-to-portal");
  if (row.channel !== "telegram") return `${t(locale, `channel-kind-${row.channel}`)} #${row.chatId}`;
  if (row.specialist) return row.specialist;
  const unit = locale === "zh" ? row.unitZh : row.unitEn;
  if (unit) return t(locale, "admin-outbox-to-unit", { unit });
  return t(locale, row.firmContact ? "admin-outbox-to-firm" : "admin-outbox-to-unknown");
}

/** What the message was, from its dedupe key: e.g. "status · reply", "case · assigned", "digest" (ids left out). */
function kindOf(key: string): string {
  const [kind, , purpose] = key.split(":");
  return (kind === "status" || kind === "case") && purpose ? `${kind} · ${purpose.replace(/#\d+$/, "")}` : kind!;
}

async function outboxPage(c: Context<WebBindings>) {
  const locale = webLocale(c);
  const handle = dbOf(c);
  const { db } = handle;
  const [rows, [total]] = await handle.readBatch([deadLetters(db), deadLetterCount(db)]);
  const csrf = csrfField(c.get("viewer"));
  const head = ["id", "deadAt", "recipient", "message", "case", "attempts", "error", ""].map((k) => html`<th>${k ? t(locale, `web-field-${k}`) : ""}</th>`);
  return adminPage(
    c,
    locale,
    "outbox",
    html`${notice(locale, c.req.query("done"))}<p>${t(locale, "admin-outbox-note", { count: total?.n ?? 0 })}</p>
${rows.length
    ? html`<table class="outbox"><thead><tr>${head}</tr></thead><tbody>${rows.map(
        (r) => html`<tr><td>${r.id}</td><td>${r.deadAt ? beijingMinute(r.deadAt) : ""}</td><td>${recipient(locale, r)}</td><td>${kindOf(r.dedupeKey)}</td><td>${r.ref ?? "—"}</td>
<td>${r.attempts}</td><td>${r.lastError ?? ""}</td><td><form method="post" action="/web/admin/outbox/${r.id}/redrive">${csrf}<button>${t(locale, "admin-outbox-redrive")}</button></form></td></tr>`,
      )}</tbody></table>`
    : ""}`,
  );
}

outboxRoutes.get("/web/admin/outbox", outboxPage);

outboxRoutes.post("/web/admin/outbox/:id{[0-9]{1,15}}/redrive", async (c) => {
  const moved = await redriveOutbox(dbOf(c).db, Number(c.req.param("id")), c.get("now")(), actorOf(c));
  return moved ? c.redirect("/web/admin/outbox?done=redriven", 303) : c.notFound();
});
