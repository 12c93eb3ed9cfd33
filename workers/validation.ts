// Request validation errors, in both languages, naming each field and its rule.
import type { Context, MiddlewareHandler } from "hono";
import { t } from "../lib/i18n.ts";
import { ruleKeys, type Issues } from "./rule-keys.ts";

export interface FieldIssue {
  field: string;
  rule: { zh: string; en: string };
}

export function fieldIssues(issues: Issues): FieldIssue[] {
  return ruleKeys(issues).map(({ field, key }) => ({ field, rule: { zh: t("zh", key), en: t("en", key) } }));
}

export function invalidRequest(c: Context, issues: FieldIssue[]) {
  return c.json({ error: "invalid_request", issues }, 400);
}

/** Refuses query parameters the operation does not define, naming each: a typo, or junk that would make every request a new cache entry. */
export function onlyParams(...defined: string[]): MiddlewareHandler {
  return async (c, next) => {
    const unknown = Object.keys(c.req.queries()).filter((name) => !defined.includes(name));
    if (unknown.length > 0) {
      return invalidRequest(c, unknown.map((field) => ({ field, rule: { zh: t("zh", "api-rule-unknown_parameter"), en: t("en", "api-rule-unknown_parameter") } })));
    }
    await next();
  };
}
