// The specialist's forms for acting on a case; the case id rides in the session.
import { URGENCIES } from "../../domain/vocabulary.ts";
import { FIRM_ASKED, HEARING_FORMS, YES_NO } from "./choices.ts";
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

const optionalNote = { key: "note", kind: "text" as const, optional: true, multiline: true, maxLength: 500 };

export const SPECIALIST_FORMS: Record<string, FormDef> = {
  "sp-reply": { id: "sp-reply", fields: [{ key: "text", kind: "text", multiline: true, maxLength: 2000 }] },
  "sp-info": { id: "sp-info", fields: [{ key: "request", kind: "text", multiline: true, minLength: 4, maxLength: 1000 }] },
  "sp-assess": {
    id: "sp-assess",
    fields: [
      { key: "urgency", kind: "choice", choices: URGENCIES, choiceSet: "urgency" },
      // The firm sees why its appeal is handled as an ordinary matter.
      { key: "reason", kind: "text", multiline: true, optional: (d) => d.urgency !== "not_urgent", minLength: 4, maxLength: 1000 },
    ],
  },
  "sp-meet": {
    id: "sp-meet",
    fields: [
      { key: "date", kind: "text", validate: dateField, maxLength: 10 },
      { key: "time", kind: "text", validate: timeField, maxLength: 5 },
      { key: "place", kind: "text", minLength: 2, maxLength: 300 },
      // Only a date the firm asked for or agreed to may fall after the due.
      { key: "firm_asked", kind: "choice", choices: FIRM_ASKED, choiceSet: "firm-asked" },
      { ...optionalNote, when: (d) => d.firm_asked !== "no" },
    ],
  },
  "sp-held": {
    id: "sp-held",
    fields: [
      { key: "held_on", kind: "text", validate: dateField, maxLength: 10 },
      { key: "official", kind: "text", minLength: 2, maxLength: 100 },
      { key: "delegated", kind: "choice", choices: YES_NO, choiceSet: "yesno" },
      { key: "approver", kind: "text", when: (d) => d.delegated === "yes", minLength: 2, maxLength: 300 },
    ],
  },
  "sp-hearing": {
    id: "sp-hearing",
    fields: [
      { key: "held_on", kind: "text", validate: dateField, maxLength: 10 },
      { key: "form", kind: "choice", choices: HEARING_FORMS, choiceSet: "hearing-form" },
      { key: "summary", kind: "text", multiline: true, minLength: 4, maxLength: 1000 },
    ],
  },
  "sp-answer": { id: "sp-answer", fields: [{ key: "text", kind: "text", multiline: true, minLength: 4, maxLength: 2000 }] },
  "sp-study": {
    id: "sp-study",
    fields: [
      { key: "reason", kind: "text", multiline: true, minLength: 4, maxLength: 1000 },
      { key: "new_date", kind: "text", validate: dateField, maxLength: 10 },
    ],
  },
  "sp-cohandle": { id: "sp-cohandle", fields: [{ key: "to", kind: "text", validate: specialistIdField, maxLength: 40 }] },
  "sp-transfer": {
    id: "sp-transfer",
    fields: [
      { key: "to", kind: "text", validate: specialistIdField, maxLength: 40 },
      { key: "reason", kind: "text", multiline: true, minLength: 4, maxLength: 500 },
    ],
  },
  "sp-resolve": { id: "sp-resolve", fields: [{ key: "outcome", kind: "text", multiline: true, minLength: 4, maxLength: 2000 }] },
};
