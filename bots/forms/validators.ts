// Validators of form fields with a format of their own. Rules are codes; their text is in Fluent.
import { validateUscc } from "../../domain/uscc.ts";
import type { Checked } from "./engine.ts";

export function usccField(value: string): Checked {
  const result = validateUscc(value);
  if (result.ok) return { ok: true, value: result.value };
  const { code, ...details } = result.error;
  return { ok: false, rule: { code: `uscc-${code}`, args: details } };
}

/** A Chinese mobile or landline number, or an international number in E.164 form. */
export function phoneField(value: string): Checked {
  const compact = value.replace(/[\s()-]/g, "");
  // Mainland numbers are stored in E.164 (+86…), the form the specialists' phones dial.
  if (/^(\+?86)?(1[3-9]\d{9}|0\d{9,11})$/.test(compact)) return { ok: true, value: `+86${compact.replace(/^\+?86/, "").replace(/^0/, "")}` };
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return { ok: true, value: compact };
  return { ok: false, rule: { code: "phone" } };
}

/** A preferred date and time, as free text but with at least a date-like part (e.g. 2026-03-02 上午). */
export function preferredTimeField(value: string): Checked {
  return /\d{1,4}[-/.月年]\d{1,2}/.test(value) ? { ok: true, value } : { ok: false, rule: { code: "preferred-time" } };
}
