// The form staff fill in to record a case received outside the bot (12345, a counter, 企业码, a
// phone call). One definition for the chat's /record and the web's form: the same fields, limits
// and rules. Prompts are Fluent `ask-record-<key>`, labels `field-<key>`.
import { checkTicket, parseBeijingMinute } from "../../domain/recording.ts";
import { FILED_KINDS, RECORDED_CHANNELS } from "../../domain/vocabulary.ts";
import { AREAS } from "./choices.ts";
import type { Checked, FormDef } from "./engine.ts";
import { phoneField, usccField } from "./validators.ts";

function ticketField(value: string): Checked {
  const refused = checkTicket("hotline_12345", value);
  return refused ? { ok: false, rule: { code: refused.code } } : { ok: true, value };
}

/** `YYYY-MM-DD HH:MM`, Beijing time; whether it is too far back or ahead is checked against now at submit. */
function receiptField(value: string): Checked {
  return parseBeijingMinute(value) === undefined ? { ok: false, rule: { code: "receipt-time" } } : { ok: true, value: value.replace("T", " ").replace("：", ":") };
}

/** Set in the draft once the code is answered: a registered firm needs no name or area. */
export const FIRM_KNOWN = "firm_known";

export const recordForm: FormDef = {
  id: "record",
  fields: [
    { key: "channel", kind: "choice", choices: RECORDED_CHANNELS, choiceSet: "channel" },
    { key: "ticket_no", kind: "text", when: (d) => d.channel === "hotline_12345", validate: ticketField, maxLength: 40 },
    // Skipped: received now.
    { key: "received_at", kind: "text", optional: true, validate: receiptField, maxLength: 16 },
    { key: "firm_uscc", kind: "text", validate: usccField, maxLength: 40 },
    { key: "firm_name", kind: "text", when: (d) => d[FIRM_KNOWN] !== "yes", minLength: 2, maxLength: 150 },
    { key: "firm_area", kind: "choice", choices: AREAS, choiceSet: "area", when: (d) => d[FIRM_KNOWN] !== "yes" },
    { key: "caller_name", kind: "text", minLength: 1, maxLength: 50 },
    { key: "caller_phone", kind: "text", optional: true, validate: phoneField, maxLength: 30 },
    { key: "case_kind", kind: "choice", choices: FILED_KINDS, choiceSet: "record-kind" },
    { key: "case_text", kind: "text", multiline: true, minLength: 10, maxLength: 2000 },
  ],
};
