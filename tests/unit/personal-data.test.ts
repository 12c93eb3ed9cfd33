// The list of personal data (db/personal-data.ts) against the schema and against /deleteme: every
// column of every table is classified, and every column classified for erasure is erased.
import { createClient } from "@libsql/client";
import { is } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { CASE_FORMS, FORMS } from "../../bots/forms/definitions.ts";
import { erasePerson } from "../../db/queries/erase.ts";
import { CASE_DETAIL_TEXT_KEYS, PERSONAL_DATA } from "../../db/personal-data.ts";
import * as passkeySchema from "../../db/passkey-schema.ts";
import * as mainSchema from "../../db/schema.ts";

const schema = { ...mainSchema, ...passkeySchema };

const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable)).map((table) => getTableConfig(table));

describe("the list of personal data", () => {
  it("classifies every column of every table in the schema, and nothing else", () => {
    expect(Object.keys(PERSONAL_DATA).sort()).toEqual(tables.map((t) => t.name).sort());
    for (const table of tables) {
      expect(Object.keys(PERSONAL_DATA[table.name]!.columns).sort(), table.name).toEqual(table.columns.map((c) => c.name).sort());
    }
  });

  it("says why whatever personal stays is kept", () => {
    for (const [table, entry] of Object.entries(PERSONAL_DATA)) {
      for (const [column, treatment] of Object.entries(entry.columns)) {
        if (treatment.personal && treatment.erase === "kept") expect(treatment.why.length, `${table}.${column}`).toBeGreaterThan(10);
      }
    }
  });

  it("holds every free-text answer of the investor's case forms among the details /deleteme replaces", () => {
    const freeText = CASE_FORMS.flatMap((id) => FORMS[id]!.fields.filter((f) => f.kind === "text" || f.allowFreeText).map((f) => f.key));
    expect(freeText.filter((key) => !(CASE_DETAIL_TEXT_KEYS as readonly string[]).includes(key))).toEqual([]);
  });
});

describe("/deleteme against the list", () => {
  const db = drizzle(createClient({ url: ":memory:" }));
  const statements = erasePerson(db, { telegramId: 123456789, chatId: 123456789 }, "[erased]").map((s) => s.toSQL());

  it.each(Object.entries(PERSONAL_DATA).flatMap(([table, entry]) => Object.entries(entry.columns).map(([column, treatment]) => [`${table}.${column}`, table, column, treatment] as const)))(
    "erases %s as listed",
    (_, table, column, treatment) => {
      if (!treatment.personal || treatment.erase === "kept") return;
      const touching = statements.filter((s) => new RegExp(`^(update|delete from) "${table}"`).test(s.sql));
      if (treatment.erase === "delete-row") {
        expect(touching.some((s) => s.sql.startsWith(`delete from "${table}"`)), `a delete from ${table}`).toBe(true);
        return;
      }
      const setting = touching.filter((s) => s.sql.startsWith(`update "${table}" set`) && new RegExp(`set .*"${column}" = `).test(s.sql));
      expect(setting.length, `an update of ${table}.${column}`).toBeGreaterThan(0);
      if (treatment.erase === "redact-json") {
        for (const key of treatment.keys) expect(setting.some((s) => s.params.includes(`$.${key}`)), `${table}.${column} $.${key}`).toBe(true);
      }
    },
  );
});
