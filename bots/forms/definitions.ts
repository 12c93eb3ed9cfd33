// The investor's forms. Prompts are Fluent `ask-<form>-<key>`, labels `field-<key>`.
import { AREAS, COUNTERPARTS, INDUSTRIES, YES_NO } from "./choices.ts";
import type { FieldDef, FormDef } from "./engine.ts";
import { recordForm } from "./record-form.ts";
import { SPECIALIST_FORMS } from "./specialist-forms.ts";
import { phoneField, preferredTimeField, usccField } from "./validators.ts";

export const firmForm: FormDef = {
  id: "firm",
  fields: [
    { key: "uscc", kind: "text", validate: usccField, maxLength: 40 },
    { key: "name_zh", kind: "text", optional: true, minLength: 2, maxLength: 100 },
    // At least one name: English is required when no Chinese name was given.
    { key: "name_en", kind: "text", optional: (d) => d.name_zh !== undefined, minLength: 2, maxLength: 150 },
    { key: "area", kind: "choice", choices: AREAS, choiceSet: "area" },
    { key: "industry", kind: "choice", choices: INDUSTRIES, choiceSet: "industry" },
    { key: "foreign_invested", kind: "choice", choices: YES_NO, choiceSet: "yesno" },
    { key: "investor_country", kind: "text", when: (d) => d.foreign_invested === "yes", minLength: 2, maxLength: 60 },
    { key: "contact_name", kind: "text", optional: true, minLength: 1, maxLength: 50 },
    { key: "phone", kind: "text", optional: true, validate: phoneField, maxLength: 30 },
  ],
};

export const appointmentForm: FormDef = {
  id: "appointment",
  fields: [
    { key: "counterpart", kind: "choice", choices: COUNTERPARTS, choiceSet: "counterpart", allowFreeText: true, minLength: 2, maxLength: 100 },
    { key: "topic", kind: "text", multiline: true, minLength: 5, maxLength: 1000 },
    { key: "preferred_time", kind: "text", optional: true, validate: preferredTimeField, maxLength: 200 },
    { key: "attendees", kind: "text", multiline: true, minLength: 2, maxLength: 300 },
  ],
};

export const urgentForm: FormDef = {
  id: "urgent",
  fields: [
    { key: "difficulty", kind: "text", multiline: true, minLength: 10, maxLength: 2000 },
    { key: "impact", kind: "text", multiline: true, minLength: 5, maxLength: 1000 },
    { key: "help_asked", kind: "text", multiline: true, minLength: 5, maxLength: 1000 },
    { key: "especially_urgent", kind: "choice", choices: YES_NO, choiceSet: "yesno" },
    { key: "urgency_reason", kind: "text", multiline: true, when: (d) => d.especially_urgent === "yes", minLength: 5, maxLength: 500 },
  ],
};

export const policyForm: FormDef = {
  id: "policy",
  fields: [
    { key: "policy", kind: "text", minLength: 2, maxLength: 200 },
    { key: "question", kind: "text", multiline: true, minLength: 10, maxLength: 2000 },
  ],
};

/** Free text typed on an open case after tapping its button: a message to add, or the reason for withdrawing. */
export const caseMessageField: FieldDef = { key: "case_message", kind: "text", multiline: true, maxLength: 2000 };
export const withdrawReasonField: FieldDef = { key: "withdraw_reason", kind: "text", multiline: true, maxLength: 2000 };

export const FORMS: Record<string, FormDef> = {
  firm: firmForm,
  appointment: appointmentForm,
  urgent: urgentForm,
  policy: policyForm,
  ...SPECIALIST_FORMS,
  record: recordForm,
};

export const CASE_FORMS = ["appointment", "urgent", "policy"] as const;
export type CaseForm = (typeof CASE_FORMS)[number];
