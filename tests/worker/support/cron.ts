// Cron ticks at chosen instants, and cases set in the past so that their deadlines fall due.
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { instantOfBeijing } from "../../../domain/calendar.ts";
import jobs from "../../../workers/jobs/index.ts";
import { joinedSpecialist } from "./admin.ts";
import { rows } from "./db.ts";
import { registeredInvestor } from "./flows.ts";
import { callsTo } from "./telegram.ts";

export const bj = (date: string, time = "09:05:00") => instantOfBeijing(date, time);

export async function tick(at: number) {
  await jobs.scheduled(createScheduledController({ scheduledTime: at, cron: "*/5 * * * *" }), env);
}

let serial = 0;

export type PastKind = "urgent" | "especially_urgent" | "appointment";

/**
 * A case of a registered firm, owned by a joined specialist (or the one given), received at a chosen
 * past time, with the obligations its kind owes: the first response (and, for an urgent appeal, the
 * assessment) due `firstDue`, the kind's principal obligation due `principalDue`. Open, or met when
 * the case is resolved.
 */
export async function pastCase(
  receivedAt: number,
  firstDue: number,
  principalDue: number,
  status = "assigned",
  options: { kind?: PastKind; specialist?: Awaited<ReturnType<typeof joinedSpecialist>> } = {},
) {
  const kind = options.kind ?? "urgent";
  const specialist = options.specialist ?? (await joinedSpecialist());
  const { chat: investor, uscc } = await registeredInvestor("en");
  const [firm] = await rows<{ id: string }>("SELECT id FROM firms WHERE uscc = ?", [uscc]);
  const id = crypto.randomUUID();
  const ref = `HN-2026-T${String(++serial).padStart(2, "0")}${Math.floor(Math.random() * 1e4)}`;
  await rows(
    `INSERT INTO cases (id, ref, firm_id, created_by, kind, status, summary, details, owner_id, received_at, first_response_due_at,
                        resolution_due_at, next_alert_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, '海关通关受阻', '{}', ?, ?, ?, ?, ?, ?)`,
    [id, ref, firm!.id, investor.userId, kind, status, specialist.id, receivedAt, firstDue, principalDue, receivedAt, receivedAt],
  );
  const firstClock = kind === "especially_urgent" ? "hours" : "working_days";
  const owed: [string, string, number][] = [
    ["first_response", firstClock, firstDue],
    ...(kind === "appointment" ? [] : ([["assessment", firstClock, firstDue]] as [string, string, number][])),
    [kind === "appointment" ? "meeting_held" : "hearing_held", "working_days", principalDue],
  ];
  const met = status === "resolved" || status === "closed";
  for (const [obligation, clock, due] of owed) {
    await rows(
      `INSERT INTO case_obligations (case_id, obligation, cycle, clock, due_at, original_due_at, state, met_at, met_by)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)`,
      [id, obligation, clock, due, due, met ? "met" : "open", met ? Math.min(due, receivedAt + 3_600_000) : null, met ? specialist.id : null],
    );
  }
  return { id, ref, specialist, investor };
}

/** What Telegram accepted for a chat. */
export const textsTo = async (chatId: number) => (await callsTo(chatId, "sendMessage")).filter((c) => c.status === 200).map((c) => String(c.payload.text));
