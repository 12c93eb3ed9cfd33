// Reads of cases for lists and views; every write goes through db/case-writes.ts.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { caseEvents, cases } from "../schema.ts";

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;

export function caseById(db: Db, id: string) {
  return db.select().from(cases).where(eq(cases.id, id));
}

export function casesOfFirm(db: Db, firmId: string, limit = 20) {
  return db.select().from(cases).where(eq(cases.firmId, firmId)).orderBy(desc(cases.receivedAt)).limit(limit);
}
