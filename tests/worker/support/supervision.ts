// The people of a supervision run: the supervising office (the business-environment department's
// unit with its group chat, and an officer) and a responsible unit (its group chat, a head, an owner
// with a deputy). Their chats post through handleUpdate directly, so a test chooses each update's
// "now" and reads its round trips.
import { env } from "cloudflare:workers";
import type { Update } from "grammy/types";
import { expect } from "vitest";
import { settingsOf } from "../../../lib/settings.ts";
import { drainNow } from "../../../workers/outbox/drain.ts";
import { admin, joinedSpecialist, madeHere, slugId } from "./admin.ts";
import type { Chat } from "./chat.ts";
import { rows } from "./db.ts";
import { callsTo, uniqueId } from "./telegram.ts";

export const DEPARTMENT_NAME = "海南省营商环境建设厅";

async function unitWithGroup(nameZh: string, nameEn: string, kind: string) {
  const id = slugId("unit");
  const groupId = -uniqueId();
  const created = await admin("POST", "/admin/units", { id, nameZh, nameEn, kind, areaCode: "sanya", noticeChatId: groupId });
  expect(created.status).toBe(201);
  return { id, groupId };
}

let office: ReturnType<typeof makeOffice> | undefined;

async function makeOffice() {
  const unit = await unitWithGroup(DEPARTMENT_NAME, "Hainan Provincial Department of Business Environment Development", "bizenv");
  const officer = await joinedSpecialist({ role: "bizenv", unitId: unit.id, direct: true });
  return { ...unit, officer };
}

/** One supervising office per test file: the issuer every notice names. */
export function supervisingOffice() {
  office ??= makeOffice();
  return office;
}

export async function responsibleUnit() {
  const unit = await unitWithGroup("三亚市营商环境建设局", "Sanya Business Environment Bureau", "city");
  const head = await joinedSpecialist({ role: "unit_head", unitId: unit.id, direct: true });
  const deputy = await joinedSpecialist({ unitId: unit.id, direct: true });
  const owner = await joinedSpecialist({ unitId: unit.id, direct: true });
  expect((await owner.chat.send(`/deputy ${deputy.id}`)).join()).toContain(deputy.id);
  return { ...unit, head, deputy, owner };
}

interface Sent {
  text: string;
  buttons: { text: string; callback_data?: string }[];
}

/** What Telegram accepted for a chat (a person's or a group's). */
export async function sentTo(chatId: number): Promise<Sent[]> {
  return (await callsTo(chatId, "sendMessage"))
    .filter((c) => c.status === 200)
    .map((c) => ({
      text: String(c.payload.text),
      buttons: ((c.payload.reply_markup as { inline_keyboard?: Sent["buttons"][] } | undefined)?.inline_keyboard ?? []).flat(),
    }));
}

/** The messages to a chat that name `ref` and contain `pattern`. */
export async function aboutCase(chatId: number, ref: string, pattern: RegExp = /./): Promise<Sent[]> {
  return (await sentTo(chatId)).filter((m) => m.text.includes(ref) && pattern.test(m.text));
}

/** The callback data of the button `label` under the latest message to `chatId` that names `ref` and matches `pattern`. */
export async function buttonUnder(chatId: number, ref: string, label: string, pattern: RegExp = /./): Promise<string> {
  const found = (await aboutCase(chatId, ref, pattern)).reverse().flatMap((m) => m.buttons.filter((b) => b.text.includes(label)));
  if (!found[0]?.callback_data) throw new Error(`no button "${label}" under a message about ${ref}`);
  return found[0].callback_data;
}

/** A tap on a button shown in a group chat: Telegram names the group as the message's chat. */
export function tapInGroup(chat: Chat, groupId: number, data: string): Update {
  const update = chat.callback(data);
  return { ...update, callback_query: { ...update.callback_query!, message: { message_id: 1, date: 0, chat: { id: groupId, type: "supergroup", title: "责任单位工作群" } } } } as Update;
}

/**
 * Sends what the outbox holds for a case (the webhook's drain may have left some for the pace):
 * drains, and waits for rows the pace put off. The department's notices go to every department
 * member and group, and the test files share one database: rows to other files' department are
 * theirs to wait for (behind their recipients' earlier rows), not this file's.
 */
export async function flush(caseId: string) {
  const mine = [...madeHere];
  const until = Date.now() + 45_000;
  while (Date.now() < until) {
    const [pending] = await rows<{ n: number; next: number | null }>(
      `SELECT count(*) AS n, min(next_attempt_at) AS next FROM outbox WHERE case_id = ? AND status = 'pending'
         AND NOT (channel = 'telegram' AND chat_id IN (SELECT chat FROM (
           SELECT COALESCE(notice_chat_id, telegram_id) AS chat FROM specialists WHERE role = 'bizenv' AND id NOT IN (SELECT value FROM json_each(?))
           UNION ALL SELECT notice_chat_id FROM units WHERE kind = 'bizenv' AND id NOT IN (SELECT value FROM json_each(?))) WHERE chat IS NOT NULL))`,
      [caseId, JSON.stringify(mine), JSON.stringify(mine)],
    );
    if (pending!.n === 0) return;
    if (pending!.next! > Date.now()) await new Promise((resolve) => setTimeout(resolve, Math.min(pending!.next! - Date.now(), 1_000)));
    await drainNow(settingsOf(env), Date.now, { limit: 200, budgetMs: 5_000 });
  }
  throw new Error("the outbox did not drain");
}
