// The portal API's description (workers/openapi-document.ts), and its list of case kinds.
import { Hono } from "hono/tiny";
import { deadlineRuleText } from "../../lib/format.ts";
import { t } from "../../lib/i18n.ts";
import { CASE_KINDS } from "../../domain/vocabulary.ts";
import { DEFAULT_SLA_POLICIES } from "../../domain/obligations.ts";
import type { ApiBindings } from "../api-app.ts";
import { openApiDocument } from "../openapi-document.ts";
import { onlyParams } from "../validation.ts";

export const openApiRoutes = new Hono<ApiBindings>();

openApiRoutes.get("/api/openapi.json", (c) => c.json(openApiDocument(c.get("settings").PUBLIC_BASE_URL)));

openApiRoutes.get("/api/kinds", onlyParams(), (c) => {
  c.header("Cache-Control", "public, max-age=3600");
  return c.json(
    CASE_KINDS.map((kind) => ({
      kind,
      name: { zh: t("zh", `kind-${kind}`), en: t("en", `kind-${kind}`) },
      rule: { zh: deadlineRuleText("zh", DEFAULT_SLA_POLICIES[kind]), en: deadlineRuleText("en", DEFAULT_SLA_POLICIES[kind]) },
    })),
  );
});
