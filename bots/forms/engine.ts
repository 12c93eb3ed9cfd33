// A small, pure form engine for the bot's multi-step intakes. The state is plain JSON kept in the
// sessions table, so a form survives isolate restarts; every transition is a pure function, so the
// webhook can apply it and write the result in its one commit batch.
//
// Why not @grammyjs/conversations: it replays handler code against a log of past updates and keeps
// that log in its own storage; our budget is one read and one write batch per update, with replies
// sent only after the commit, which a replay engine cannot honour.

export type Draft = Record<string, string>;

export interface FieldRule {
  /** Fluent id suffix of the rule text: `rule-<code>`. */
  code: string;
  args?: Record<string, string | number>;
}

export type Checked = { ok: true; value: string } | { ok: false; rule: FieldRule };

export interface FieldDef {
  key: string;
  kind: "text" | "choice";
  /** May be skipped; a function decides from the answers so far. */
  optional?: boolean | ((draft: Draft) => boolean);
  /** For choice fields: option codes, labelled by Fluent `option-<choiceSet>-<code>`. */
  choices?: readonly string[];
  choiceSet?: string;
  /** A choice field that also accepts typed text ("pick list plus free text"). */
  allowFreeText?: boolean;
  minLength?: number;
  maxLength?: number;
  multiline?: boolean;
  validate?: (value: string) => Checked;
  /** Asked only when this holds for the answers so far. */
  when?: (draft: Draft) => boolean;
}

export interface FormDef {
  id: string;
  fields: readonly FieldDef[];
}

export interface FormState {
  form: string;
  /** Keys of the fields answered, in order: "back" pops the last. */
  path: string[];
  draft: Draft;
  /** The field being asked, or "review" once all are answered. */
  at: string;
  /** One field asked again (a submit refused it): its answer goes on to the next unanswered field, else the review. */
  resume?: boolean;
}

export type FormInput =
  | { type: "text"; text: string }
  | { type: "choice"; field: string; index: number }
  | { type: "skip"; field: string }
  | { type: "back" };

export type FormStep =
  | { type: "ask"; state: FormState; field: FieldDef }
  | { type: "review"; state: FormState }
  | { type: "invalid"; state: FormState; field: FieldDef; rule: FieldRule }
  | { type: "stale" }
  | { type: "left" };

export const REVIEW = "review";

export function isOptional(field: FieldDef, draft: Draft): boolean {
  return typeof field.optional === "function" ? field.optional(draft) : field.optional === true;
}

// C0 and C1 control characters other than tab and newline, and the bidi overrides that can disguise text.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

function nextField(form: FormDef, draft: Draft, after: string | undefined): FieldDef | undefined {
  const start = after === undefined ? 0 : form.fields.findIndex((f) => f.key === after) + 1;
  return form.fields.slice(start).find((f) => !f.when || f.when(draft));
}

function fieldOf(form: FormDef, key: string): FieldDef {
  const field = form.fields.find((f) => f.key === key);
  if (!field) throw new Error(`form ${form.id} has no field ${key}`);
  return field;
}

export function startForm(form: FormDef, preset: Draft = {}): FormStep {
  const first = nextField(form, preset, undefined);
  if (!first) return { type: "review", state: { form: form.id, path: [], draft: preset, at: REVIEW } };
  return { type: "ask", state: { form: form.id, path: [], draft: preset, at: first.key }, field: first };
}

/** Where the form stands: the field to ask again or the review. */
export function currentStep(form: FormDef, state: FormState): FormStep {
  if (state.at === REVIEW) return { type: "review", state };
  return { type: "ask", state, field: fieldOf(form, state.at) };
}

export function checkText(field: FieldDef, raw: string): Checked {
  const value = raw.normalize("NFC").trim();
  if (value.length === 0) return { ok: false, rule: { code: "required" } };
  if (CONTROL.test(value)) return { ok: false, rule: { code: "control-characters" } };
  if (!field.multiline && value.includes("\n")) return { ok: false, rule: { code: "single-line" } };
  const length = [...value].length;
  if (field.minLength && length < field.minLength) return { ok: false, rule: { code: "too-short", args: { min: field.minLength } } };
  const max = field.maxLength ?? 500;
  if (length > max) return { ok: false, rule: { code: "too-long", args: { max, length } } };
  return field.validate ? field.validate(value) : { ok: true, value };
}

function answer(form: FormDef, state: FormState, field: FieldDef, value: string | undefined): FormStep {
  const draft = { ...state.draft };
  if (value === undefined) delete draft[field.key];
  else draft[field.key] = value;
  // Answers to fields that no longer apply (a changed condition) are dropped, not kept silently.
  for (const f of form.fields) if (f.when && !f.when(draft)) delete draft[f.key];
  const path = [...state.path, field.key];
  let next = nextField(form, draft, field.key);
  while (state.resume && next && draft[next.key] !== undefined) {
    path.push(next.key);
    next = nextField(form, draft, next.key);
  }
  if (!next) return { type: "review", state: { ...state, path, draft, at: REVIEW } };
  return { type: "ask", state: { ...state, path, draft, at: next.key }, field: next };
}

export function applyInput(form: FormDef, state: FormState, input: FormInput): FormStep {
  if (input.type === "back") {
    const path = state.path.slice(0, -1);
    const previous = state.path.at(-1);
    if (previous === undefined) return { type: "left" };
    return { type: "ask", state: { ...state, path, at: previous }, field: fieldOf(form, previous) };
  }
  if (state.at === REVIEW) return input.type === "text" ? { type: "review", state } : { type: "stale" };
  const field = fieldOf(form, state.at);
  switch (input.type) {
    case "skip":
      if (input.field !== field.key || !isOptional(field, state.draft)) return { type: "stale" };
      return answer(form, state, field, undefined);
    case "choice": {
      const code = field.choices?.[input.index];
      if (input.field !== field.key || code === undefined) return { type: "stale" };
      return answer(form, state, field, code);
    }
    case "text": {
      if (field.kind === "choice" && !field.allowFreeText) {
        return { type: "invalid", state, field, rule: { code: "pick-an-option" } };
      }
      const checked = checkText(field, input.text);
      if (!checked.ok) return { type: "invalid", state, field, rule: checked.rule };
      return answer(form, state, field, checked.value);
    }
  }
}

/** The answered fields in form order, for the review screen. */
export function answeredFields(form: FormDef, state: FormState): { field: FieldDef; value: string }[] {
  return form.fields.filter((f) => state.draft[f.key] !== undefined).map((f) => ({ field: f, value: state.draft[f.key]! }));
}
