// Every change of a case goes through here: a version check (so two people acting at once
// cannot both win), the new state, and its ledger event, all in the update's one batch.
import { sql } from "drizzle-orm";
import { appendEvent, moveCase, type Actor, type EventType } from "../db/queries/case-events.ts";
import type { CaseRow } from "../db/queries/preload.ts";
import type { CaseStatus } from "../domain/vocabulary.ts";
import type { UpdateUnit } from "../db/unit.ts";

export function stageCaseChange(
  unit: UpdateUnit,
  current: CaseRow,
  to: CaseStatus,
  actor: Actor,
  eventType: EventType,
  data: Record<string, unknown> | null,
  extra: Parameters<typeof moveCase>[5] = {},
): void {
  unit.expect(sql`(SELECT version FROM cases WHERE id = ${current.id}) = ${current.version}`);
  unit.write(
    moveCase(unit.db, current.id, current.version, to, unit.now, extra),
    appendEvent(unit.db, current.id, unit.now, actor, eventType, data, { from: current.status, to }),
  );
}

export function stageCaseEvent(unit: UpdateUnit, current: CaseRow, actor: Actor, eventType: EventType, data: Record<string, unknown> | null): void {
  unit.write(appendEvent(unit.db, current.id, unit.now, actor, eventType, data));
}
