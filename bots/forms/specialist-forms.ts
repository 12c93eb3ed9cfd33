// The specialist's forms for acting on a case; the case id rides in the session.
import type { Checked, FormDef } from "./engine.ts";

function dateField(value: string): Checked {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return { ok: false, rule: { code: "date" } };
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? { ok: false, rule: { code: "date" } } : { ok: true, value };
}

function timeField(value: string): Checked {
  const match = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/.exec(value);
  return match ? { ok: true, value: `${match[1]!.padStart(2, "0")}:${match[2]}` } : { ok: false, rule: { code: "time" } };
}

function specialistIdField(value: string): Checked {
  return /^[a-z0-9][a-z0-9-]{1,39}$/.test(value) ? { ok: true, value } : { ok: false, rule: { code: "specialist-id" } };
}

export const SPECIALIST_FORMS: Record<string, FormDef> = {
  "sp-reply": { id: "sp-reply", fields: [{ key: "text", kind: "text", multiline: true, maxLength: 2000 }] },
  "sp-info": { id: "sp-info", fields: [{ key: "request", kind: "text", multiline: true, minLength: 4, maxLength: 1000 }] },
  "sp-meet": {
    id: "sp-meet",
    fields: [
      { key: "date", kind: "text", validate: dateField, maxLength: 10 },
      { key: "time", kind: "text", validate: timeField, maxLength: 5 },
      { key: "place", kind: "text", minLength: 2, maxLength: 300 },
    ],
  },
  "sp-delegate": {
    id: "sp-delegate",
    fields: [
      { key: "official", kind: "text", minLength: 2, maxLength: 100 },
      { key: "approval", kind: "text", minLength: 4, maxLength: 300 },
    ],
  },
  "sp-transfer": {
    id: "sp-transfer",
    fields: [
      { key: "to", kind: "text", validate: specialistIdField, maxLength: 40 },
      { key: "reason", kind: "text", multiline: true, minLength: 4, maxLength: 500 },
    ],
  },
  "sp-resolve": { id: "sp-resolve", fields: [{ key: "outcome", kind: "text", multiline: true, minLength: 4, maxLength: 2000 }] },
};
