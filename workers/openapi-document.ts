// The portal API, described as OpenAPI 3.1: served at /api/openapi.json and linted by Redocly in CI
// (npm run lint:openapi). Written out by hand rather than generated with @hono/zod-openapi: that
// library needs zod's full API (≈ 60 KiB more in a bundle held to 150 KiB gzip); a test checks that
// every path described here answers as described.
import { CASE_KINDS, OBLIGATIONS } from "../domain/vocabulary.ts";

const bilingual = { type: "object", properties: { zh: { type: "string" }, en: { type: "string" } }, required: ["zh", "en"] };
const kind = { type: "string", enum: [...CASE_KINDS] };
const obligation = { type: "string", enum: [...OBLIGATIONS], description: "named as in the case module" };
/** What a case of the kind owes, each with its due. */
const obligations = { type: "array", items: { type: "object", properties: { obligation, due: { type: "string", description: "ISO-8601 with the +08:00 offset (Beijing time)" } }, required: ["obligation", "due"] } };
const instant = { type: "string", description: "ISO-8601 with the +08:00 offset (Beijing time)", examples: ["2026-02-28T23:59:59+08:00"] };
const fieldIssues = {
  type: "object",
  properties: { error: { type: "string" }, issues: { type: "array", items: { type: "object", properties: { field: { type: "string" }, rule: bilingual } } } },
};

const unknownParameter = { description: "A query parameter the operation does not define (named in `issues`)", content: { "application/json": { schema: fieldIssues } } };
/** Public: no credentials. Said explicitly, as OpenAPI linters ask. */
const PUBLIC: [] = [];

/** The document the Worker serves at /api/openapi.json; `publicBaseUrl` is the deployment's PUBLIC_BASE_URL. */
export const openApiDocument = (publicBaseUrl: string) => ({
  openapi: "3.1.0",
  info: {
    title: "Hainan Investor Service Desk — portal API",
    version: "1.0.0",
    description: "For the Hainan Free Trade Port International Service Portal: case kinds and their deadline rules, deadline previews, and a case's status by its page token.",
    // The service's own API for the portal, not open-source software.
    license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
  },
  servers: [{ url: publicBaseUrl, description: "This deployment" }],
  paths: {
    "/api/kinds": {
      get: {
        operationId: "listKinds",
        summary: "Case kinds with their deadline rules, in Chinese and English",
        security: PUBLIC,
        responses: {
          "200": { description: "The kinds", content: { "application/json": { schema: { type: "array", items: { type: "object", properties: { kind, name: bilingual, rule: bilingual } } } } } },
          "400": unknownParameter,
        },
      },
    },
    "/api/deadline": {
      get: {
        operationId: "previewDeadline",
        summary: "The deadline a case of this kind would get if received at `from`",
        security: PUBLIC,
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
                  properties: { kind, from: { type: "string", format: "date-time" }, due: instant, firstResponseDue: instant, obligations, rule: bilingual, warnings: { type: "array", items: { type: "object", properties: { code: { type: "string" }, year: { type: "integer" }, message: bilingual } } } },
                  required: ["kind", "from", "due", "rule", "warnings"],
                },
              },
            },
          },
          "400": { description: "A parameter is missing, malformed or unknown, or `from` is not a real date and time", content: { "application/json": { schema: fieldIssues } } },
        },
      },
    },
    "/api/cases/{token}": {
      get: {
        operationId: "getCaseByToken",
        summary: "A case's status, by the token of its page (no personal data)",
        security: PUBLIC,
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
          "400": unknownParameter,
          "404": { description: "No such case (also for a revoked or malformed token)" },
        },
      },
    },
  },
});
