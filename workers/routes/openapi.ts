// The portal's API, described as OpenAPI 3.1. Written out by hand rather than generated with
// @hono/zod-openapi: that library needs zod's full API (≈ 60 KiB more in a bundle held to 150 KiB
// gzip); a test checks that every path described here answers as described.
import { Hono } from "hono/tiny";
import { deadlineRuleText } from "../../lib/format.ts";
import { t } from "../../lib/i18n.ts";
import { CASE_KINDS } from "../../domain/vocabulary.ts";
import { DEFAULT_SLA_POLICIES } from "../../domain/obligations.ts";
import type { AppBindings } from "../app.ts";

export const openApiRoutes = new Hono<AppBindings>();

const bilingual = { type: "object", properties: { zh: { type: "string" }, en: { type: "string" } }, required: ["zh", "en"] };
const kind = { type: "string", enum: [...CASE_KINDS] };
const instant = { type: "string", description: "ISO-8601 with the +08:00 offset (Beijing time)", examples: ["2026-02-28T23:59:59+08:00"] };
const fieldIssues = {
  type: "object",
  properties: { error: { type: "string" }, issues: { type: "array", items: { type: "object", properties: { field: { type: "string" }, rule: bilingual } } } },
};

export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "Hainan Investor Service Desk — portal API",
    version: "1.0.0",
    description: "For the Hainan Free Trade Port International Service Portal: case kinds and their deadline rules, deadline previews, and a case's status by its page token.",
  },
  paths: {
    "/api/kinds": {
      get: {
        summary: "Case kinds with their deadline rules, in Chinese and English",
        responses: { "200": { description: "The kinds", content: { "application/json": { schema: { type: "array", items: { type: "object", properties: { kind, name: bilingual, rule: bilingual } } } } } } },
      },
    },
    "/api/deadline": {
      get: {
        summary: "The deadline a case of this kind would get if received at `from`",
        parameters: [
          { name: "kind", in: "query", required: true, schema: kind },
          { name: "from", in: "query", required: true, schema: { type: "string", format: "date-time" }, description: "An instant with its offset" },
        ],
        responses: {
          "200": {
            description: "The deadline",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { kind, from: { type: "string", format: "date-time" }, due: instant, firstResponseDue: instant, rule: bilingual, warnings: { type: "array", items: { type: "object", properties: { code: { type: "string" }, year: { type: "integer" }, message: bilingual } } } },
                  required: ["kind", "from", "due", "rule", "warnings"],
                },
              },
            },
          },
          "400": { description: "A field is missing or malformed", content: { "application/json": { schema: fieldIssues } } },
        },
      },
    },
    "/api/cases/{token}": {
      get: {
        summary: "A case's status, by the token of its page (no personal data)",
        parameters: [{ name: "token", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_-]{32}$" } }],
        responses: {
          "200": {
            description: "The case",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    ref: { type: "string", examples: ["HN-2026-000123"] },
                    kind,
                    status: { type: "string" },
                    statusText: bilingual,
                    next: bilingual,
                    receivedAt: instant,
                    firstResponseDue: instant,
                    resolutionDue: instant,
                    unit: { oneOf: [bilingual, { type: "null" }] },
                    timeline: { type: "array", items: { type: "object", properties: { at: instant, event: { type: "string" }, text: bilingual } } },
                  },
                },
              },
            },
          },
          "404": { description: "No such case (also for a revoked or malformed token)" },
        },
      },
    },
  },
} as const;

openApiRoutes.get("/api/openapi.json", (c) => c.json(OPENAPI));

openApiRoutes.get("/api/kinds", (c) => {
  c.header("Cache-Control", "public, max-age=3600");
  return c.json(
    CASE_KINDS.map((kind) => ({
      kind,
      name: { zh: t("zh", `kind-${kind}`), en: t("en", `kind-${kind}`) },
      rule: { zh: deadlineRuleText("zh", DEFAULT_SLA_POLICIES[kind]), en: deadlineRuleText("en", DEFAULT_SLA_POLICIES[kind]) },
    })),
  );
});
