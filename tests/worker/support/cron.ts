// Cron ticks at chosen instants, and cases set in the past so that their deadlines fall due.
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { instantOfBeijing } from "../../../domain/calendar.ts";
import worker from "../../../workers/index.ts";
import { joinedSpecialist } from "./admin.ts";
import { rows } from "./db.ts";
import { registeredInvestor } from "./flows.ts";
import { callsTo } from "./telegram.ts";

export const bj = (date: string, time = "09:05:00") => instantOfBeijing(date, time);

export async function tick(at: number) {
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "*/5 * * * *" }), env);
}

let serial = 0;
/** A case of a registered firm, owned by a joined specialist, received at a chosen past time (an urgent appeal). */
export async function pastCase(receivedAt: number, firstDue: number, resolutionDue: number, status = "assigned") {
  const specialist = await joinedSpecialist();
  const { chat: investor, uscc } = await registeredInvestor("en");
  const [firm] = await rows<{ id: string }>("SELECT id FROM firms WHERE uscc = ?", [uscc]);
  const id = crypto.randomUUID();
  const ref = `HN-2026-T${String(++serial).padStart(2, "0")}${Math.floor(Math.random() * 1e4)}`;
  await rows(
    `INSERT INTO cases (id, ref, firm_id, created_by, kind, status, summary, details, owner_id, received_at, first_response_due_at,
                        resolution_due_at, next_alert_at, updated_at)
     VALUES (?, ?, ?, ?, 'urgent', ?, '海关通关受阻', '{}', ?, ?, ?, ?, ?, ?)`,
    [id, ref, firm!.id, investor.userId, status, specialist.id, receivedAt, firstDue, resolutionDue, receivedAt, receivedAt],
  );
  return { id, ref, specialist, investor };
}

/** What Telegram accepted for a chat. */
export const textsTo = async (chatId: number) => (await callsTo(chatId, "sendMessage")).filter((c) => c.status === 200).map((c) => String(c.payload.text));
