// Turns a form step into the message the person sees: the prompt in their language, choices
// as buttons, and Back / Skip / Cancel; errors in both languages, naming the field and the rule.
import { InlineKeyboard } from "../inline-keyboard.ts";
import { fitText } from "../../lib/telegram-text.ts";
import { formAction } from "../callback-data.ts";
import { raw, t, type Locale } from "../../lib/i18n.ts";
import { answeredFields, isOptional, type FieldDef, type FieldRule, type FormDef, type FormState } from "./engine.ts";

export interface Screen {
  text: string;
  keyboard: InlineKeyboard;
}

export function optionLabel(locale: Locale, field: FieldDef, code: string): string {
  return t(locale, `option-${field.choiceSet}-${code}`);
}

/** The stored value as a person reads it: the option's label, or the text they typed. */
export function displayValue(locale: Locale, field: FieldDef, value: string): string {
  return field.choices?.includes(value) ? optionLabel(locale, field, value) : value;
}

function navigation(keyboard: InlineKeyboard, locale: Locale, state: FormState, skippable: string | undefined) {
  keyboard.row();
  if (state.path.length > 0) keyboard.text(t(locale, "button-back"), formAction.encode({ action: "back" }));
  if (skippable) keyboard.text(t(locale, "button-skip"), formAction.encode({ action: "skip", field: skippable }));
  keyboard.text(t(locale, "button-cancel"), formAction.encode({ action: "cancel" }));
}

export function askScreen(locale: Locale, form: FormDef, state: FormState, field: FieldDef): Screen {
  const keyboard = new InlineKeyboard();
  field.choices?.forEach((code, index) => {
    keyboard.text(optionLabel(locale, field, code), formAction.encode({ action: "choose", field: field.key, index }));
    if (index % 2 === 1) keyboard.row();
  });
  const optional = isOptional(field, state.draft);
  navigation(keyboard, locale, state, optional ? field.key : undefined);
  const lines = [t(locale, `ask-${form.id}-${field.key}`)];
  if (optional) lines.push(t(locale, "form-optional-hint"));
  if (state.path.length === 0) lines.push(t(locale, "form-hint"));
  return { text: lines.join("\n"), keyboard };
}

export function reviewScreen(locale: Locale, form: FormDef, state: FormState): Screen {
  const answered = answeredFields(form, state);
  // Long answers are cut to fit one message (the buttons must stay under it), and a note says so.
  const render = (note: boolean) => (cut: (text: string) => string) =>
    [
      t(locale, "form-review-title"),
      "",
      ...answered.map(({ field, value }) => t(locale, "form-review-line", { label: t(locale, `field-${field.key}`), value: cut(displayValue(locale, field, value)) })),
      ...(note ? ["", t(locale, "form-review-shortened")] : []),
    ].join("\n");
  const fitted = fitText(render(false));
  const text = fitted.cut ? fitText(render(true)).text : fitted.text;
  const keyboard = new InlineKeyboard()
    .text(t(locale, "button-submit"), formAction.encode({ action: "submit", form: form.id }))
    .row()
    .text(t(locale, "button-back"), formAction.encode({ action: "back" }))
    .text(t(locale, "button-cancel"), formAction.encode({ action: "cancel" }));
  return { text, keyboard };
}

/** One language's line: “field”: rule. */
function invalidLine(locale: Locale, field: FieldDef, rule: FieldRule): string {
  return t(locale, "form-invalid", { field: raw(t(locale, `field-${field.key}`)), rule: raw(t(locale, `rule-${rule.code}`, rule.args)) });
}

export function invalidText(locale: Locale, field: FieldDef, rule: FieldRule): string {
  const other: Locale = locale === "zh" ? "en" : "zh";
  return `${invalidLine(locale, field, rule)}\n${invalidLine(other, field, rule)}`;
}
