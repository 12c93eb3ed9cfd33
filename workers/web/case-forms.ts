// The case page's small forms: which fields each step takes, their rules (the same limits as the
// bot's forms), and the case command a valid form becomes. A bad field is a problem naming the
// field and the rule, shown in both languages.
import { isRealDate } from "../../domain/calendar.ts";
import type { Command } from "../../domain/case-rules.ts";
import { URGENCIES, type Urgency } from "../../domain/vocabulary.ts";
import type { Problem } from "./admin-shell.ts";

type Field =
  | { name: string; type: "text"; min?: number; max: number; optional?: boolean }
  | { name: string; type: "date" }
  | { name: string; type: "choice"; choices: readonly string[] };

const text = (name: string, max: number, min = 1, optional = false): Field => ({ name, type: "text", min, max, optional });
const date = (name: string): Field => ({ name, type: "date" });
const choice = (name: string, choices: readonly string[]): Field => ({ name, type: "choice", choices });

export const HEARING_FORMS = ["hearing", "consultation"] as const;
export const YES_NO = ["no", "yes"] as const;

/** The staff steps the page offers, each a form posted to /web/cases/:ref/:action. */
export const STEP_FORMS = {
  acknowledge: [],
  reply: [text("text", 2000)],
  request_info: [text("request", 1000, 4)],
  assess: [choice("urgency", URGENCIES), text("reason", 1000, 4, true)],
  record_meeting: [date("held_on"), text("official", 100, 2), choice("delegated", YES_NO), text("approver", 300, 2, true)],
  record_hearing: [date("held_on"), choice("form", HEARING_FORMS), text("summary", 1000, 4)],
  answer: [text("text", 2000, 4)],
  needs_study: [text("reason", 1000, 4), date("new_date")],
  resolve: [text("outcome", 2000, 4)],
  invite_co_handler: [choice("specialist", [])],
  approve_transfer: [],
} as const satisfies Record<string, readonly Field[]>;

export type StepAction = keyof typeof STEP_FORMS;

export const isStepAction = (value: string): value is StepAction => Object.hasOwn(STEP_FORMS, value);

export type Form = Record<string, string>;

/** The fields' problems; `choices` gives the allowed values of a choice whose list is read from the database. */
export function problemsOf(fields: readonly Field[], form: Form, choices: Record<string, readonly string[]> = {}): Problem[] {
  const problems: Problem[] = [];
  for (const f of fields) {
    const value = form[f.name] ?? "";
    if (f.type === "text") {
      if (value === "" && f.optional) continue;
      if (value === "") problems.push({ field: f.name, rule: "api-rule-required" });
      else if ([...value].length > f.max) problems.push({ field: f.name, rule: "web-case-rule-max", args: { max: String(f.max) } });
      else if ([...value].length < (f.min ?? 1)) problems.push({ field: f.name, rule: "web-case-rule-min", args: { min: String(f.min) } });
    } else if (f.type === "date") {
      if (!isRealDate(value)) problems.push({ field: f.name, rule: "web-rule-date" });
    } else if (!(choices[f.name] ?? f.choices).includes(value)) {
      problems.push({ field: f.name, rule: "web-rule-choice" });
    }
  }
  return problems;
}

/** The command of a valid form; a field that depends on another is checked here. */
export function commandOf(action: StepAction, form: Form, extra: { toUnitId: string | null }): Command | Problem[] {
  const f = (name: string) => form[name] ?? "";
  switch (action) {
    case "acknowledge":
      return { action };
    case "reply":
      return { action, text: f("text") };
    case "request_info":
      return { action, request: f("request") };
    case "assess": {
      const urgency = f("urgency") as Urgency;
      // The firm is told why its appeal is handled as an ordinary matter: the reason is then required.
      if (urgency === "not_urgent" && !f("reason")) return [{ field: "reason", rule: "api-rule-required" }];
      return { action, urgency, reason: f("reason") || null };
    }
    case "record_meeting": {
      if (f("delegated") === "yes" && !f("approver")) return [{ field: "approver", rule: "api-rule-required" }];
      return { action, heldOn: f("held_on"), official: f("official"), delegated: f("delegated") === "yes" ? { official: f("official"), approvedBy: f("approver") } : null };
    }
    case "record_hearing":
      return { action, heldOn: f("held_on"), form: f("form") as (typeof HEARING_FORMS)[number], summary: f("summary") };
    case "answer":
      return { action, text: f("text") };
    case "needs_study":
      return { action, reason: f("reason"), newDate: f("new_date") };
    case "resolve":
      return { action, outcome: f("outcome") };
    case "invite_co_handler":
      return { action, specialistId: f("specialist") };
    case "approve_transfer":
      return { action, toUnitId: extra.toUnitId ?? "" };
  }
}

/** Trimmed string fields of a posted form (files and the CSRF token left out). */
export async function formOf(c: { req: { parseBody(): Promise<Record<string, unknown>> } }): Promise<Form> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).flatMap(([k, v]) => (typeof v === "string" && k !== "_csrf" ? [[k, v.trim()]] : [])));
}
