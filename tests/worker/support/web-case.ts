// Cases for the case page's tests: filed through the bot by a firm whose specialist is chosen, so
// the case has its obligations, ledger and owner as in production; drafts of supervision notices
// as the cron would leave them.
import { expect } from "vitest";
import { admin, joinedSpecialist } from "./admin.ts";
import { rows } from "./db.ts";
import { filePolicyQuestion, registeredInvestor } from "./flows.ts";
import { get } from "./web.ts";

/** A policy question filed through the bot, owned (首问负责制: the firm's specialist) by a new specialist of a new unit. */
export async function ownedCase(options: { unitId?: string } = {}) {
  const owner = await joinedSpecialist(options.unitId ? { unitId: options.unitId } : {});
  const { chat: investor, uscc } = await registeredInvestor("en");
  expect((await admin("PUT", `/admin/firms/${uscc}/specialist`, { specialistId: owner.id })).status).toBe(200);
  const { id, ref } = await filePolicyQuestion(investor);
  const [c] = await rows<{ owner_id: string }>("SELECT owner_id FROM cases WHERE id = ?", [id]);
  expect(c!.owner_id).toBe(owner.id);
  return { id, ref, owner, investor, uscc };
}

/** A draft notice of `level` for the case's open first response, missed `daysAgo` days ago, addressed to `unitId`. */
export async function draftNotice(caseId: string, unitId: string, options: { level?: number; daysAgo?: number; obligation?: string } = {}) {
  const id = crypto.randomUUID();
  const level = options.level ?? 1;
  const notice = ["reminder_letter", "rectification_notice", "key_supervision_notice", "accountability_interview"][level - 1]!;
  const missed = Date.now() - (options.daysAgo ?? 3) * 86_400_000;
  await rows(
    `INSERT INTO supervision_notices (id, case_id, level, notice, obligation, missed_due_at, unit_id, status, drafted_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?)`,
    [id, caseId, level, notice, options.obligation ?? "first_response", missed, unitId, missed + 86_400_000],
  );
  return id;
}

/** The case version a page shows in its forms. */
export async function versionOn(ref: string, cookie: string): Promise<string> {
  const page = await (await get(`/web/cases/${ref}`, cookie)).text();
  return /name="version" value="(\d+)"/.exec(page)![1]!;
}

export const outboxOf = (caseId: string) => rows<{ dedupe_key: string; chat_id: number; payload: string }>("SELECT dedupe_key, chat_id, payload FROM outbox WHERE case_id = ? ORDER BY id", [caseId]);
