// Which rule a zod issue broke, as a Fluent key (api-rule-*): the admin API and the admin pages
// each translate it with their own catalogs.
import type * as z from "zod/mini";

const KNOWN = new Set(["required", "invalid_type", "too_small", "too_big", "invalid_value", "invalid_format", "real_date", "slug", "mobile", "dingtalk_webhook", "dingtalk_secret", "wecom_key"]);

/** Schemas name custom rules by a code in their message (e.g. "slug"); zod's own issues by their code. */
export function ruleKeys(error: z.core.$ZodError): { field: string; key: string }[] {
  return error.issues.map((issue) => {
    const code = KNOWN.has(issue.message) ? issue.message : issue.code === "invalid_type" && /undefined/.test(issue.message) ? "required" : issue.code;
    return { field: issue.path.join(".") || "body", key: `api-rule-${KNOWN.has(code) ? code : "unknown"}` };
  });
}
