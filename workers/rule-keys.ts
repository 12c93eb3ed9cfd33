// Which rule a valibot issue broke, as a Fluent key (api-rule-*): the admin API and the admin pages
// each translate it with their own catalogs.
import * as v from "valibot";

export type Issues = [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]];

/** Custom rules that schemas name by a code in their message (e.g. "slug"). */
const CODED = new Set(["invalid_format", "real_date", "slug", "mobile", "dingtalk_webhook", "dingtalk_secret", "wecom_key"]);

/** valibot's own issue types, by the rule they break. */
const BY_TYPE: Record<string, string> = {
  min_length: "too_small",
  min_value: "too_small",
  max_length: "too_big",
  max_value: "too_big",
  picklist: "invalid_value",
  regex: "invalid_format",
  integer: "invalid_type",
  safe_integer: "invalid_type",
};

function ruleOf(issue: v.BaseIssue<unknown>): string {
  if (CODED.has(issue.message)) return issue.message;
  if (issue.kind === "schema" && issue.input === undefined) return "required";
  if (BY_TYPE[issue.type]) return BY_TYPE[issue.type]!;
  return issue.kind === "schema" ? "invalid_type" : "unknown";
}

export function ruleKeys(issues: Issues): { field: string; key: string }[] {
  return issues.map((issue) => ({ field: v.getDotPath(issue) ?? "body", key: `api-rule-${ruleOf(issue)}` }));
}
