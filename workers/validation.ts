// Request validation errors, in both languages, naming each field and its rule.
import type { Context } from "hono";
import type * as z from "zod/mini";
import { t } from "../bots/i18n.ts";

export interface FieldIssue {
  field: string;
  rule: { zh: string; en: string };
}

const KNOWN = new Set(["required", "invalid_type", "too_small", "too_big", "invalid_value", "invalid_format", "slug"]);

/** Schemas name custom rules by a code in their message (e.g. "slug"); zod's own issues by their code. */
export function fieldIssues(error: z.core.$ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const code = KNOWN.has(issue.message) ? issue.message : issue.code === "invalid_type" && /undefined/.test(issue.message) ? "required" : issue.code;
    const key = `api-rule-${KNOWN.has(code) ? code : "unknown"}`;
    return { field: issue.path.join(".") || "body", rule: { zh: t("zh", key), en: t("en", key) } };
  });
}

export function invalidRequest(c: Context, issues: FieldIssue[]) {
  return c.json({ error: "invalid_request", issues }, 400);
}
