// Request validation errors, in both languages, naming each field and its rule.
import type { Context } from "hono";
import type * as z from "zod/mini";
import { t } from "../lib/i18n.ts";
import { ruleKeys } from "./rule-keys.ts";

export interface FieldIssue {
  field: string;
  rule: { zh: string; en: string };
}

export function fieldIssues(error: z.core.$ZodError): FieldIssue[] {
  return ruleKeys(error).map(({ field, key }) => ({ field, rule: { zh: t("zh", key), en: t("en", key) } }));
}

export function invalidRequest(c: Context, issues: FieldIssue[]) {
  return c.json({ error: "invalid_request", issues }, 400);
}
