// The supervisors' web's Fluent catalogs: its own pages, the names of kinds and statuses, and the
// admin validation messages it shares with the admin API, the case engine's vocabulary (kind-ordinary,
// obligations, events) and the case page's own words (web-case.ftl).
import enAdmin from "./en/admin.ftl";
import enCaseEngine from "./en/case-engine.ftl";
import enNames from "./en/names.ftl";
import enWeb from "./en/web.ftl";
import enWebCase from "./en/web-case.ftl";
import zhAdmin from "./zh/admin.ftl";
import zhCaseEngine from "./zh/case-engine.ftl";
import zhNames from "./zh/names.ftl";
import zhWeb from "./zh/web.ftl";
import zhWebCase from "./zh/web-case.ftl";

export const webCatalogs = {
  zh: [zhAdmin, zhCaseEngine, zhNames, zhWeb, zhWebCase],
  en: [enAdmin, enCaseEngine, enNames, enWeb, enWebCase],
} as const;
