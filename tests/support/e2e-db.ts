// Straight to the e2e stack's libSQL server: rows for assertions, and cases set in the past so the
// ledger has something overdue (a case filed through the bot is never overdue on the day).
import { createClient, type InArgs } from "@libsql/client";
import { inject } from "vitest";

export async function rows<T = Record<string, unknown>>(sql: string, args: InArgs = []): Promise<T[]> {
  const client = createClient({ url: inject("e2eLibsqlUrl") });
  try {
    return (await client.execute({ sql, args })).rows as unknown as T[];
  } finally {
    client.close();
  }
}

const DAY = 86_400_000;

/**
 * An urgent appeal of the investor's firm, owned by `ownerId`, received `daysAgo` days ago with 10
 * days to resolve (so overdue after 10 days unless resolved). Returns its ref.
 */
export async function pastCase(options: { uscc: string; investorId: number; ownerId: string; daysAgo?: number; resolved?: boolean }): Promise<string> {
  const [firm] = await rows<{ id: string }>("SELECT id FROM firms WHERE uscc = ?", [options.uscc]);
  if (!firm) throw new Error(`no firm ${options.uscc}`);
  const ref = `HN-2026-E${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
  const received = Date.now() - (options.daysAgo ?? 30) * DAY;
  const resolvedAt = options.resolved ? received + DAY : null;
  await rows(
    `INSERT INTO cases (id, ref, firm_id, created_by, kind, status, summary, details, owner_id, received_at, first_response_due_at,
                        resolution_due_at, acknowledged_at, resolved_at, next_alert_at, updated_at)
     VALUES (?, ?, ?, ?, 'urgent', ?, '海关通关受阻', '{}', ?, ?, ?, ?, ?, ?, ?, ?)`,
    [crypto.randomUUID(), ref, firm.id, options.investorId, options.resolved ? "resolved" : "assigned", options.ownerId, received, received + DAY, received + 10 * DAY, resolvedAt, resolvedAt, received, received],
  );
  return ref;
}

/** A draft supervision notice (level 1, the first response missed `daysAgo` days ago) for a case, addressed to its owner's unit, as the cron leaves it. */
export async function draftNotice(ref: string, daysAgo = 3): Promise<string> {
  const [found] = await rows<{ id: string; unit_id: string }>("SELECT c.id, s.unit_id FROM cases c JOIN specialists s ON s.id = c.owner_id WHERE c.ref = ?", [ref]);
  if (!found) throw new Error(`no owned case ${ref}`);
  const id = crypto.randomUUID();
  const missed = Date.now() - daysAgo * DAY;
  await rows(
    "INSERT INTO supervision_notices (id, case_id, level, notice, obligation, missed_due_at, unit_id, status, drafted_at) VALUES (?, ?, 1, 'reminder_letter', 'first_response', ?, ?, 'draft', ?)",
    [id, found.id, missed, found.unit_id, missed + DAY],
  );
  return id;
}
