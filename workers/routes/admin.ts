// The admin API (Bearer ADMIN_API_TOKEN, compared in constant time): units, specialists and
// their one-time invites, firm ↔ specialist assignment, SLA policies and the holiday calendar.
// Every change is written with its audit event in one batch.
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { and, eq } from "drizzle-orm";
import * as v from "valibot";
import { t } from "../../lib/i18n.ts";
import { linkRotationWrite } from "../../db/case-writes.ts";
import { openDbFor, type Db } from "../../db/client.ts";
import { assignFirm, audit, deactivateSpecialist, inviteSpecialist, loadSchedule, previewSchedule, updateSla } from "../../db/queries/admin.ts";
import { cases, units } from "../../db/schema.ts";
import { CASE_KINDS } from "../../domain/vocabulary.ts";
import { AssignBody, ChannelBody, SlaBody, SpecialistBody, UnitBody } from "../admin-bodies.ts";
import { noticeChannelWrites, ownerExists, robotAnswerWrite, robotOf, type ChannelOwner } from "../../db/queries/robots.ts";
import { sealedChannel, testRobot } from "../channel-settings.ts";
import { robotSettingsOf } from "../outbox/channels/robots.ts";
import { parseScheduleCsv, parseScheduleJson } from "../../domain/calendar-import.ts";
import type { ApiBindings } from "../api-app.ts";
import { caseLink, caseToken } from "../../lib/case-token.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import { secretsMatch } from "../../lib/secret.ts";
import { handOverNotices } from "../hand-over-notices.ts";
import { fieldIssues, invalidRequest } from "../validation.ts";

export const adminRoutes = new Hono<ApiBindings>();

const ACTOR = "admin-api";
const dbOf = (c: Context<ApiBindings>): Db => openDbFor(c.get("settings")).db;

async function body<T>(c: Context<ApiBindings>, schema: v.GenericSchema<unknown, T>): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    return { ok: false, response: invalidRequest(c, [{ field: "body", rule: { zh: t("zh", "schedule-json"), en: t("en", "schedule-json") } }]) };
  }
  const parsed = v.safeParse(schema, raw);
  return parsed.success ? { ok: true, value: parsed.output } : { ok: false, response: invalidRequest(c, fieldIssues(parsed.issues)) };
}

adminRoutes.use("/admin/*", async (c, next) => {
  const expected = c.get("settings").ADMIN_API_TOKEN;
  const presented = c.req.header("authorization")?.replace(/^Bearer\s+/i, "");
  if (!expected || !(await secretsMatch(presented, expected))) return c.json({ error: "unauthorized" }, 401);
  await next();
});

adminRoutes.post("/admin/units", async (c) => {
  const parsed = await body(c, UnitBody);
  if (!parsed.ok) return parsed.response;
  const now = c.get("now")();
  const db = dbOf(c);
  const unit = { ...parsed.value, areaCode: parsed.value.areaCode ?? null, noticeChatId: parsed.value.noticeChatId ?? null, createdAt: now };
  await db.batch([
    db.insert(units).values(unit).onConflictDoUpdate({ target: units.id, set: { nameZh: unit.nameZh, nameEn: unit.nameEn, kind: unit.kind, areaCode: unit.areaCode, noticeChatId: unit.noticeChatId } }),
    audit(db, now, ACTOR, "unit.upsert", unit.id, parsed.value),
  ]);
  return c.json({ ok: true, id: unit.id }, 201);
});

/** Registers a specialist and issues a one-time invite code (shown once; only its hash is kept). */
adminRoutes.post("/admin/specialists", async (c) => {
  const parsed = await body(c, SpecialistBody);
  if (!parsed.ok) return parsed.response;
  const invited = await inviteSpecialist(dbOf(c), parsed.value, c.get("now")(), ACTOR);
  if (!invited.ok && invited.reason === "no_unit") return invalidRequest(c, [{ field: "unitId", rule: { zh: t("zh", "api-rule-invalid_value"), en: t("en", "api-rule-invalid_value") } }]);
  if (!invited.ok) return c.json({ error: "specialist_inactive", issues: [{ field: "reactivate", rule: { zh: t("zh", "api-rule-inactive"), en: t("en", "api-rule-inactive") } }] }, 409);
  return c.json({ ok: true, id: parsed.value.id, inviteCode: invited.inviteCode, expiresAt: new Date(invited.expiresAt).toISOString() }, 201);
});

adminRoutes.post("/admin/specialists/:id/deactivate", async (c) => {
  const done = await deactivateSpecialist(dbOf(c), c.req.param("id"), c.get("now")(), ACTOR, handOverNotices);
  return done ? c.json({ ok: true, handedOver: done.handedOver }) : c.json({ error: "not_found" }, 404);
});

/**
 * Where a unit's or a specialist's reminders, digests and supervision notices go: a Telegram chat, a
 * DingTalk robot or a WeCom robot (body: ChannelBody). The answer shows a robot's credential only
 * as its last 4 characters; `…/channel/test` sends a test message and reports the vendor's answer.
 */
for (const collection of ["units", "specialists"] as const) {
  const ownerOf = (id: string): ChannelOwner => (collection === "units" ? { unitId: id } : { specialistId: id });

  adminRoutes.put(`/admin/${collection}/:id/channel`, async (c) => {
    const parsed = await body(c, ChannelBody);
    if (!parsed.ok) return parsed.response;
    const db = dbOf(c);
    const owner = ownerOf(c.req.param("id"));
    if ((await ownerExists(db, owner)).length === 0) return c.json({ error: "not_found" }, 404);
    const channel = await sealedChannel(parsed.value, owner, c.get("settings").CHANNEL_CREDENTIALS_KEY);
    if (!channel) return c.json({ error: "not_configured", message: { zh: t("zh", "channel-no-key"), en: t("en", "channel-no-key") } }, 503);
    await db.batch([...noticeChannelWrites(db, owner, channel, c.get("now")(), ACTOR)]);
    return c.json(channel.kind === "telegram" ? { ok: true, kind: "telegram", chatId: channel.chatId } : { ok: true, kind: channel.kind, hint: channel.hint, mentions: channel.mentionMobiles.length });
  });

  adminRoutes.post(`/admin/${collection}/:id/channel/test`, async (c) => {
    const db = dbOf(c);
    const owner = ownerOf(c.req.param("id"));
    const [robot] = await robotOf(db, owner);
    if (!robot) return c.json({ error: "no_robot", message: { zh: t("zh", "channel-no-robot"), en: t("en", "channel-no-robot") } }, 404);
    const settings = c.get("settings");
    const now = c.get("now")();
    const report = await testRobot(t, robotSettingsOf(settings, settings.TELEGRAM_TIMEOUT_SECONDS * 1000), robot, owner, now);
    await db.batch([robotAnswerWrite(db, robot.id, report.ok ? null : `${robot.kind} ${report.answer.errcode} ${report.answer.errmsg}`.slice(0, 300), now), audit(db, now, ACTOR, "notice_channel.test", robot.unitId ? `unit:${robot.unitId}` : `specialist:${robot.specialistId}`, { ok: report.ok, errcode: report.answer.errcode })]);
    return c.json({ ok: report.ok, errcode: report.answer.errcode, errmsg: report.answer.errmsg, message: report.message });
  });
}

adminRoutes.put("/admin/firms/:uscc/specialist", async (c) => {
  const parsed = await body(c, AssignBody);
  if (!parsed.ok) return parsed.response;
  const done = await assignFirm(dbOf(c), c.req.param("uscc"), parsed.value.specialistId, c.get("now")(), ACTOR);
  return done ? c.json({ ok: true }) : c.json({ error: "not_found" }, 404);
});

adminRoutes.put("/admin/sla/:kind", async (c) => {
  const kind = c.req.param("kind");
  if (!(CASE_KINDS as readonly string[]).includes(kind)) return c.json({ error: "not_found" }, 404);
  const parsed = await body(c, SlaBody);
  if (!parsed.ok) return parsed.response;
  await updateSla(dbOf(c), kind as (typeof CASE_KINDS)[number], parsed.value, c.get("now")(), ACTOR);
  return c.json({ ok: true });
});

/** Revokes a case page's link: a new token (sent to the firm with the next status update); the old one 404s. */
adminRoutes.post("/admin/cases/:ref/revoke-link", async (c) => {
  const now = c.get("now")();
  const db = dbOf(c);
  const ref = c.req.param("ref").toUpperCase();
  const [[found]] = await db.batch([db.select({ id: cases.id, generation: cases.linkGeneration }).from(cases).where(eq(cases.ref, ref))]);
  if (!found) return c.json({ error: "not_found" }, 404);
  const generation = found.generation + 1;
  const token = await caseToken(c.get("settings"), found.id, generation);
  await db.batch([
    linkRotationWrite(db, found.id, generation, await sha256Hex(token)),
    audit(db, now, ACTOR, "case.revoke_link", ref, { generation }),
  ]);
  return c.json({ ok: true, ref, link: caseLink(c.get("settings"), token) });
});

/** A year's official schedule, as JSON or CSV; `?dry_run=1` only previews what would change. */
adminRoutes.post("/admin/calendar", async (c) => {
  const raw = await c.req.text();
  const csv = (c.req.header("content-type") ?? "").includes("csv");
  const parsed = csv ? parseScheduleCsv(raw) : parseScheduleJson(raw);
  if (!parsed.ok) {
    return c.json(
      {
        error: "invalid_schedule",
        issues: parsed.problems.map((p) => ({ line: p.line, field: p.field, rule: { zh: t("zh", `schedule-${p.code}`, p.args), en: t("en", `schedule-${p.code}`, p.args) } })),
      },
      400,
    );
  }
  const db = dbOf(c);
  if (c.req.query("dry_run")) return c.json({ ok: true, dryRun: true, year: parsed.year, days: parsed.days.length, diff: await previewSchedule(db, parsed) });
  const diff = await loadSchedule(db, parsed, c.get("now")(), ACTOR);
  return c.json({ ok: true, year: parsed.year, days: parsed.days.length, diff });
});
