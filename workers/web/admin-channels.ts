// Where each unit and specialist hears (admins only): Telegram, a DingTalk robot or a WeCom robot.
// A robot's credential is written once and shown afterwards as its last 4 characters; the vendor's
// last refusal (a wrong secret) is shown until a message goes through; "send a test message"
// reports the vendor's answer in both languages.
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { html } from "hono/html";
import { asc, eq } from "drizzle-orm";
import * as v from "valibot";
import { audit } from "../../db/queries/admin.ts";
import { noticeChannels, noticeChannelWrites, ownerExists, robotAnswerWrite, robotOf, type ChannelOwner } from "../../db/queries/robots.ts";
import { specialists, units } from "../../db/schema.ts";
import { beijingMinute } from "../../domain/calendar.ts";
import { ChannelBody } from "../admin-bodies.ts";
import { sealedChannel, testRobot } from "../channel-settings.ts";
import { robotSettingsOf } from "../outbox/channels/robots.ts";
import { ruleKeys } from "../rule-keys.ts";
import { actorOf, adminPage, notice, problemsList, type Problem } from "./admin-shell.ts";
import { t, type Locale } from "./i18n.ts";
import { csrfField } from "./layout.ts";
import { dbOf, webLocale, type WebBindings } from "./session.ts";

export const channelRoutes = new Hono<WebBindings>();

type Collection = "units" | "specialists";
const ownerOf = (collection: Collection, id: string): ChannelOwner => (collection === "units" ? { unitId: id } : { specialistId: id });

async function channelsPage(c: Context<WebBindings>, locale: Locale, extra: unknown = "", status: 200 | 400 | 404 = 200) {
  const handle = dbOf(c);
  const { db } = handle;
  const [unitRows, staff, robots] = await handle.readBatch([
    db.select({ id: units.id, nameZh: units.nameZh, nameEn: units.nameEn, chat: units.noticeChatId }).from(units).orderBy(asc(units.id)),
    db.select({ id: specialists.id, name: specialists.name, chat: specialists.noticeChatId, telegramId: specialists.telegramId }).from(specialists).where(eq(specialists.active, true)).orderBy(asc(specialists.id)),
    noticeChannels(db),
  ]);
  const csrf = csrfField(c.get("viewer"));
  const row = (collection: Collection, id: string, name: string, chat: number | null) => {
    const robot = robots.find((r) => (collection === "units" ? r.unitId : r.specialistId) === id);
    const where = robot
      ? html`${t(locale, `channel-kind-${robot.kind}`)} <code>${robot.hint}</code>${robot.mentions ? ` · @${robot.mentions}` : ""}`
      : html`${t(locale, "channel-kind-telegram")} ${chat ?? "—"}`;
    const error = robot?.lastError ? html`<span class="error">${robot.lastError}${robot.lastErrorAt ? ` (${beijingMinute(robot.lastErrorAt)})` : ""}</span>` : "";
    const test = robot ? html`<form method="post" action="/web/admin/channels/${collection}/${id}/test">${csrf}<button>${t(locale, "channel-test-button")}</button></form>` : "";
    return html`<tr><td>${name}</td><td>${where}</td><td>${error}</td><td>${test}</td><td><details><summary>${t(locale, "channel-change")}</summary>
<form method="post" action="/web/admin/channels/${collection}/${id}">${csrf}
<label>${t(locale, "channel-where")}<select name="kind">${(["telegram", "dingtalk", "wecom"] as const).map((k) => html`<option value="${k}">${t(locale, `channel-kind-${k}`)}</option>`)}</select></label>
<label>${t(locale, "web-field-chatId")}<input name="chatId" inputmode="numeric"></label>
<label>${t(locale, "web-field-webhookUrl")}<input name="webhookUrl" autocomplete="off"></label>
<label>${t(locale, "web-field-secret")}<input name="secret" type="password" autocomplete="off"></label>
<label>${t(locale, "web-field-key")}<input name="key" type="password" autocomplete="off"></label>
<label>${t(locale, "web-field-mentionMobiles")}<input name="mentionMobiles" placeholder="13800138000, 13900139000"></label>
<button>${t(locale, "channel-save")}</button></form></details></td></tr>`;
  };
  const head = html`<tr><th></th><th>${t(locale, "channel-where")}</th><th>${t(locale, "channel-last-error")}</th><th></th><th></th></tr>`;
  return adminPage(
    c,
    locale,
    "channels",
    html`${notice(locale, c.req.query("done"))}${extra}<p>${t(locale, "channel-note")}</p>
<h2>${t(locale, "channel-units")}</h2><table class="channels">${head}${unitRows.map((u) => row("units", u.id, locale === "zh" ? u.nameZh : u.nameEn, u.chat))}</table>
<h2>${t(locale, "channel-specialists")}</h2><table class="channels">${head}${staff.map((s) => row("specialists", s.id, s.name, s.chat ?? s.telegramId))}</table>`,
    status,
  );
}

channelRoutes.get("/web/admin/channels", (c) => channelsPage(c, webLocale(c)));

channelRoutes.post("/web/admin/channels/:collection{units|specialists}/:id", async (c) => {
  const locale = webLocale(c);
  const owner = ownerOf(c.req.param("collection") as Collection, c.req.param("id"));
  const form = Object.fromEntries(Object.entries(await c.req.parseBody()).flatMap(([key, value]) => (typeof value === "string" && value.trim() ? [[key, value.trim()]] : [])));
  const candidate = {
    ...form,
    ...(form.chatId !== undefined ? { chatId: Number(form.chatId) } : {}),
    ...(form.mentionMobiles !== undefined ? { mentionMobiles: form.mentionMobiles.split(/[,，\s]+/).filter(Boolean).join(",") } : {}),
  };
  const parsed = v.safeParse(ChannelBody, candidate);
  if (!parsed.success) {
    const problems: Problem[] = ruleKeys(parsed.issues).map(({ field, key }) => ({ field, rule: key }));
    return channelsPage(c, locale, problemsList(problems), 400);
  }
  const { db } = dbOf(c);
  if ((await ownerExists(db, owner)).length === 0) return c.notFound();
  const channel = await sealedChannel(parsed.output, owner, c.get("settings").CHANNEL_CREDENTIALS_KEY);
  if (!channel) return channelsPage(c, locale, html`<p class="error">${t("zh", "channel-no-key")} / ${t("en", "channel-no-key")}</p>`, 400);
  await db.batch([...noticeChannelWrites(db, owner, channel, c.get("now")(), actorOf(c))]);
  return c.redirect("/web/admin/channels?done=channel-saved", 303);
});

channelRoutes.post("/web/admin/channels/:collection{units|specialists}/:id/test", async (c) => {
  const locale = webLocale(c);
  const owner = ownerOf(c.req.param("collection") as Collection, c.req.param("id"));
  const { db } = dbOf(c);
  const [robot] = await robotOf(db, owner);
  if (!robot) return channelsPage(c, locale, html`<p class="error">${t("zh", "channel-no-robot")} / ${t("en", "channel-no-robot")}</p>`, 404);
  const now = c.get("now")();
  const report = await testRobot(t, robotSettingsOf(c.get("settings")), robot, owner, now);
  await db.batch([
    robotAnswerWrite(db, robot.id, report.ok ? null : `${robot.kind} ${report.answer.errcode} ${report.answer.errmsg}`.slice(0, 300), now),
    audit(db, now, actorOf(c), "notice_channel.test", `${c.req.param("collection") === "units" ? "unit" : "specialist"}:${c.req.param("id")}`, { ok: report.ok, errcode: report.answer.errcode }),
  ]);
  return channelsPage(c, locale, html`<p class="${report.ok ? "ok" : "error"}">${report.message.zh}<br>${report.message.en}</p>`);
});
